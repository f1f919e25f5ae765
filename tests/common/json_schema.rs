//! The JSON Feed 1.1 schema (`tests/schemas/jsonfeed-1.1.schema.json`)
//! through the `jsonschema` crate, with format assertions on, so that
//! URLs must be absolute and dates RFC 3339.

use std::sync::OnceLock;

use jsonschema::Validator;

fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/schemas/jsonfeed-1.1.schema.json");
        let text = std::fs::read_to_string(&path).expect("the schema is readable");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema is a valid JSON Schema")
    })
}

/// Validates a document against the schema: each error with its JSON
/// pointer.
pub fn validate(bytes: &[u8]) -> Result<(), Vec<String>> {
    let instance: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| vec![format!("not JSON: {e}")])?;
    let errors: Vec<String> = validator()
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
