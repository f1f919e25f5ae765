//! The page's inline style sheet: no external resource, no script.
//!
//! Colours and their contrast ratios (WCAG 2 relative luminance; text
//! needs at least 4.5:1, focus outlines 3:1):
//!
//! | colour | on | light | on | dark |
//! |---|---|---|---|---|
//! | text | page | `#1b1b1b` on `#ffffff`: 17.22:1 | page | `#e6e6e6` on `#121212`: 15.01:1 |
//! | text | box | `#1b1b1b` on `#f3f4f6`: 15.65:1 | box | `#e6e6e6` on `#1e1e1e`: 13.36:1 |
//! | muted text | page | `#595959` on `#ffffff`: 7.00:1 | page | `#b3b3b3` on `#121212`: 8.93:1 |
//! | muted text | box | `#595959` on `#f3f4f6`: 6.36:1 | box | `#b3b3b3` on `#1e1e1e`: 7.95:1 |
//! | links, focus | page | `#0b57d0` on `#ffffff`: 6.39:1 | page | `#8ab4f8` on `#121212`: 8.89:1 |
//! | links, focus | box | `#0b57d0` on `#f3f4f6`: 5.80:1 | box | `#8ab4f8` on `#1e1e1e`: 7.91:1 |
//!
//! Dark colours follow `prefers-color-scheme: dark`; the layout is one
//! column no wider than 46em, so it reads on a phone as on a desktop
//! (where each format's link sits beside its address field).

/// The style sheet, written inside `<style>` as it is: it holds no `<`,
/// so it cannot end the element early.
pub const CSS: &str = "\
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#ffffff;--muted:#595959;--box:#f3f4f6;--link:#0b57d0;--line:#d0d4da}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--bg:#121212;--muted:#b3b3b3;--box:#1e1e1e;--link:#8ab4f8;--line:#3a3d42}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:46em;padding:1rem;font:1rem/1.55 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
a{color:var(--link)}
a:focus-visible,input:focus-visible{outline:3px solid var(--link);outline-offset:2px}
h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0}
h2{font-size:1.45rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line)}
h3{font-size:1.15rem;margin:1.25rem 0 .5rem}
h4{font-size:1rem;margin:0 0 .25rem}
nav ul,.feeds,.entries{list-style:none;margin:0;padding:0}
nav li{display:inline;margin-right:1rem}
.muted,.meta{color:var(--muted)}
.feed{background:var(--box);border:1px solid var(--line);border-radius:.5rem;padding:.75rem;margin:0 0 .75rem}
.feed p{margin:0 0 .5rem}
.formats{list-style:none;margin:0;padding:0}
.format{margin:.6rem 0 0}
.format a{font-weight:600}
.format label{display:block;font-size:.85rem;color:var(--muted);margin:.15rem 0}
.format input{display:block;width:100%;font:.9rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:.25rem;padding:.35rem}
.entries li{margin:0 0 1.25rem}
.entries h3{margin:0 0 .2rem}
.meta{font-size:.9rem;margin:0 0 .35rem}
.entries p{margin:0}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (min-width:40em){.format{display:grid;grid-template-columns:7em 1fr;column-gap:.75rem;align-items:center}.format a{grid-row:1/3}.format label{grid-column:2}.format input{grid-column:2}}
footer{margin-top:2.5rem;border-top:1px solid var(--line);padding-top:.75rem;font-size:.9rem}
";

#[cfg(test)]
mod tests {
    use super::*;

    /// The sheet holds nothing that would end `<style>` or fetch a
    /// resource.
    #[test]
    fn the_sheet_is_inert() {
        assert!(!CSS.contains('<'));
        assert!(!CSS.contains("url("));
        assert!(!CSS.contains("@import"));
    }
}
