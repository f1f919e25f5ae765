//! RELAX NG validation through libxml2, which these machines have (the
//! libxml2 and libxml2-dev packages). A handful of declarations is all it
//! takes, so no binding generator (and no libclang) is needed.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

#[repr(C)]
struct XmlError {
    domain: c_int,
    code: c_int,
    message: *const c_char,
    level: c_int,
    file: *const c_char,
    line: c_int,
    str1: *const c_char,
    str2: *const c_char,
    str3: *const c_char,
    int1: c_int,
    int2: c_int,
    ctxt: *mut c_void,
    node: *mut c_void,
}

type StructuredErrorFn = extern "C" fn(*mut c_void, *const XmlError);

#[link(name = "xml2")]
unsafe extern "C" {
    fn xmlInitParser();
    fn xmlReadMemory(
        buffer: *const c_char,
        size: c_int,
        url: *const c_char,
        encoding: *const c_char,
        options: c_int,
    ) -> *mut c_void;
    fn xmlFreeDoc(doc: *mut c_void);
    fn xmlSetStructuredErrorFunc(ctx: *mut c_void, handler: Option<StructuredErrorFn>);
    fn xmlRelaxNGNewMemParserCtxt(buffer: *const c_char, size: c_int) -> *mut c_void;
    fn xmlRelaxNGSetParserStructuredErrors(
        ctxt: *mut c_void,
        handler: Option<StructuredErrorFn>,
        ctx: *mut c_void,
    );
    fn xmlRelaxNGParse(ctxt: *mut c_void) -> *mut c_void;
    fn xmlRelaxNGFreeParserCtxt(ctxt: *mut c_void);
    fn xmlRelaxNGNewValidCtxt(schema: *mut c_void) -> *mut c_void;
    fn xmlRelaxNGSetValidStructuredErrors(
        ctxt: *mut c_void,
        handler: Option<StructuredErrorFn>,
        ctx: *mut c_void,
    );
    fn xmlRelaxNGValidateDoc(ctxt: *mut c_void, doc: *mut c_void) -> c_int;
    fn xmlRelaxNGFreeValidCtxt(ctxt: *mut c_void);
    fn xmlRelaxNGFree(schema: *mut c_void);
}

/// Never fetch anything over the network.
const XML_PARSE_NONET: c_int = 1 << 11;

extern "C" fn collect(ctx: *mut c_void, error: *const XmlError) {
    if ctx.is_null() || error.is_null() {
        return;
    }
    // SAFETY: `ctx` is the `Vec<String>` passed in `validate` below, alive
    // for the whole call; `error` is libxml2's error record for this call.
    let (errors, error) = unsafe { (&mut *ctx.cast::<Vec<String>>(), &*error) };
    let message = if error.message.is_null() {
        "(no message)".to_owned()
    } else {
        // SAFETY: libxml2 gives a NUL-terminated message.
        unsafe { CStr::from_ptr(error.message) }
            .to_string_lossy()
            .trim_end()
            .to_owned()
    };
    errors.push(format!("line {}: {message}", error.line));
}

/// libxml2 keeps global state; one validation at a time.
fn lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: OnceLock<Mutex<()>> = OnceLock::new();
    let lock = LOCK.get_or_init(|| {
        // SAFETY: initialises libxml2 once, before any other call.
        unsafe { xmlInitParser() };
        Mutex::new(())
    });
    lock.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn c_len(bytes: &[u8]) -> c_int {
    c_int::try_from(bytes.len()).expect("test documents are small")
}

/// Validates `document` against the RELAX NG schema in `schema_file`;
/// `Err` lists what libxml2 reported.
pub fn validate(schema_file: &Path, document: &[u8]) -> Result<(), Vec<String>> {
    let schema_text = std::fs::read(schema_file).expect("schema readable");
    let _guard = lock();
    let mut errors: Vec<String> = Vec::new();
    let errors_ptr: *mut c_void = (&raw mut errors).cast();
    // SAFETY: every pointer passed is either a live buffer with its length,
    // or an object libxml2 returned and that is freed exactly once below.
    unsafe {
        xmlSetStructuredErrorFunc(errors_ptr, Some(collect));
        let parser = xmlRelaxNGNewMemParserCtxt(schema_text.as_ptr().cast(), c_len(&schema_text));
        assert!(!parser.is_null(), "cannot read {}", schema_file.display());
        xmlRelaxNGSetParserStructuredErrors(parser, Some(collect), errors_ptr);
        let schema = xmlRelaxNGParse(parser);
        xmlRelaxNGFreeParserCtxt(parser);
        assert!(
            !schema.is_null(),
            "{} is not a valid schema: {errors:?}",
            schema_file.display()
        );
        let doc = xmlReadMemory(
            document.as_ptr().cast(),
            c_len(document),
            c"feed.xml".as_ptr(),
            std::ptr::null(),
            XML_PARSE_NONET,
        );
        let result = if doc.is_null() {
            errors.push("the document is not well-formed".to_owned());
            1
        } else {
            let valid = xmlRelaxNGNewValidCtxt(schema);
            xmlRelaxNGSetValidStructuredErrors(valid, Some(collect), errors_ptr);
            let result = xmlRelaxNGValidateDoc(valid, doc);
            xmlRelaxNGFreeValidCtxt(valid);
            xmlFreeDoc(doc);
            result
        };
        xmlRelaxNGFree(schema);
        xmlSetStructuredErrorFunc(std::ptr::null_mut(), None);
        if result == 0 { Ok(()) } else { Err(errors) }
    }
}

/// The schema for a feed file by its name: `rss.xml` or `atom.xml`, or
/// an archive page (`archive/rss/<n>.xml`, `archive/atom/<n>.xml`).
pub fn schema_for(name: &Path) -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    match super::xml_format(name)? {
        "rss" => Some(dir.join("rss.rng")),
        _ => Some(dir.join("atom.rng")),
    }
}
