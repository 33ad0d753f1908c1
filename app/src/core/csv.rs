//! CSV files that spreadsheets open safely: RFC 4180 quoting, and a cell that a
//! spreadsheet would run as a formula is neutralised.

/// The characters that make a spreadsheet read a cell as a formula (or, for a tab and
/// a carriage return, that some strip before doing so).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One line of a CSV file, ending in CRLF. A cell starting like a formula gets a
/// leading `'`, which spreadsheets show as text; a cell holding a comma, a quote or a
/// line break is quoted, its quotes doubled.
pub fn csv_line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        push_cell(&mut line, cell.as_ref());
    }
    line.push_str("\r\n");
    line
}

fn push_cell(line: &mut String, text: &str) {
    let neutralised = text.starts_with(FORMULA_STARTS);
    let quoted = text.contains([',', '"', '\n', '\r']);
    if quoted {
        line.push('"');
    }
    if neutralised {
        line.push('\'');
    }
    line.push_str(&text.replace('"', "\"\""));
    if quoted {
        line.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::csv_line;

    #[test]
    fn plain_cells_are_written_as_they_are() {
        assert_eq!(
            csv_line(&["Erin Evans", "erin@acme.test", "viewer", ""]),
            "Erin Evans,erin@acme.test,viewer,\r\n"
        );
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(
            csv_line(&["Evans, Erin", "say \"hi\"", "two\nlines"]),
            "\"Evans, Erin\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            let line = csv_line(&[formula]);
            assert!(
                line.starts_with('\'') || line.starts_with("\"'"),
                "{formula:?} became {line:?}"
            );
        }
        assert_eq!(
            csv_line(&["=HYPERLINK(\"http://evil\",\"x\")"]),
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\r\n"
        );
        assert_eq!(csv_line(&["a=b", "1-2"]), "a=b,1-2\r\n");
    }
}
