//! Parsing points: separators, comments, CSV files as spreadsheets save them, errors by line number, and
//! text that never makes it panic.

use backprop_lab::labs::descent::{parse_points, MAX_POINTS};
use proptest::prelude::*;
use proptest::test_runner::Config;

#[test]
fn parse_points_accepts_the_usual_separators_and_comments() {
    assert_eq!(
        parse_points("1, 2\n2;4\n# comment\n 3\t6").unwrap(),
        vec![[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]
    );
    assert_eq!(
        parse_points("\r\n  −1.5 , 2e-1   # trailing comment\r\n0.25 −3\n\n").unwrap(),
        vec![[-1.5, 0.2], [0.25, -3.0]]
    );
    assert_eq!(parse_points("7 8").unwrap(), vec![[7.0, 8.0]]);
}

#[test]
fn parse_points_reads_csv_files_as_spreadsheets_save_them() {
    // A header line of column names, quoted fields and Windows line ends.
    assert_eq!(
        parse_points("\"size\",\"price\"\r\n\"1.5\",\"300\"\r\n2,410\r\n").unwrap(),
        vec![[1.5, 300.0], [2.0, 410.0]]
    );
    // A comment may come before the header.
    assert_eq!(
        parse_points("# houses\nx; z\n1; 2").unwrap(),
        vec![[1.0, 2.0]]
    );
    // Decimal commas, where semicolons or tabs separate the numbers (as spreadsheets in much of Europe
    // save them).
    assert_eq!(
        parse_points("x;z\n1,5;2,25\n-0,5;3\n4;\"0,125\"\n7\t1,75").unwrap(),
        vec![[1.5, 2.25], [-0.5, 3.0], [4.0, 0.125], [7.0, 1.75]]
    );
    // Quoted decimal commas, with either separator, and a spreadsheet's empty rows (separators only).
    assert_eq!(
        parse_points("\"1,5\";\"2,25\"\n\"3,5\";\"4,5\"").unwrap(),
        vec![[1.5, 2.25], [3.5, 4.5]],
        "the first line is a point, not column names"
    );
    assert_eq!(
        parse_points("\"1,5\",\"2,25\"\n;;\n,\n\"3\",4").unwrap(),
        vec![[1.5, 2.25], [3.0, 4.0]]
    );
    // A file of column names alone has no points.
    assert!(parse_points("x, z\n\n")
        .unwrap_err()
        .starts_with("No points"));
}

#[test]
fn parse_points_reports_bad_lines_by_number() {
    let cases = [
        ("1, 2\nfoo, 3", "Line 2"),
        ("1, 2\n1 2 3", "Line 2"),
        ("1, 2\n3", "Line 2"),
        ("# header\n\n1, 2\n4, inf", "Line 4"),
        ("1, NaN", "Line 1"),
        ("1, 2\n2, 4\n3, 1e400", "Line 3"),
        // Only a first line may be column names, and only if none of it is a number.
        ("x, z\nsize, price\n1, 2", "Line 2"),
        ("x, 2\n1, 2", "Line 1"),
        ("1,5; 2,2,5", "Line 1"),
    ];
    for (text, line) in cases {
        let err = parse_points(text).expect_err(text);
        assert!(err.starts_with(line), "{text:?}: {err}");
    }
    assert!(parse_points("1, 2\nfoo, 3").unwrap_err().contains("“foo”"));
    assert!(parse_points("1 2 3").unwrap_err().contains("found 3"));
    // "1,000" could be a thousand or one: refused, as the page's fields refuse it; "0,125" is a decimal.
    assert!(parse_points("\"1,000\";2").unwrap_err().contains("“1,000”"));
    assert_eq!(parse_points("\"0,125\";2").unwrap(), vec![[0.125, 2.0]]);
    // A message quotes what was written, decimal comma and all.
    assert!(parse_points("1,5; 2,2,5").unwrap_err().contains("“2,2,5”"));
}

#[test]
fn parse_points_rejects_empty_text_and_too_many_points() {
    for text in ["", "   ", "\n\n", "# only a comment\n  # another"] {
        assert!(parse_points(text).is_err(), "{text:?}");
    }
    let lines = |n: usize| {
        (0..n)
            .map(|k| format!("{k}, {}", 2 * k))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let max = parse_points(&lines(MAX_POINTS)).unwrap();
    assert_eq!(max.len(), MAX_POINTS);
    assert_eq!(max[MAX_POINTS - 1], [199.0, 398.0]);
    let err = parse_points(&lines(MAX_POINTS + 1)).unwrap_err();
    assert!(err.contains(&MAX_POINTS.to_string()), "{err}");
}

/// Whatever happens, the answer is either sane points or a message of a known kind.
fn check_parse(text: &str) -> Result<(), TestCaseError> {
    match parse_points(text) {
        Ok(points) => {
            prop_assert!(!points.is_empty() && points.len() <= MAX_POINTS);
            prop_assert!(points.iter().flatten().all(|v| v.is_finite()));
        }
        Err(message) => prop_assert!(
            message.starts_with("Line ")
                || message.starts_with("No points")
                || message.starts_with("At most"),
            "unexpected message {message:?}"
        ),
    }
    Ok(())
}

fn parse_config() -> Config {
    Config {
        cases: 2000,
        failure_persistence: None,
        ..Config::default()
    }
}

fn valid_text() -> impl Strategy<Value = (Vec<[f64; 2]>, String)> {
    let separator = prop::sample::select(vec![", ", ",", ";", "\t", " ", " ; ", ",\t"]);
    let value = prop_oneof![
        -1e6..1e6f64,
        (-1000i32..1000).prop_map(f64::from),
        -1.0..1.0f64
    ];
    prop::collection::vec((value.clone(), separator, value, any::<bool>()), 1..25).prop_map(
        |rows| {
            let mut text = String::new();
            let mut points = Vec::new();
            for (x, sep, z, comment) in rows {
                if comment {
                    text.push_str("# a comment, with 1, 2\n\n");
                }
                text.push_str(&format!("{x}{sep}{z}\n"));
                points.push([x, z]);
            }
            (points, text)
        },
    )
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize, usize),
    Replace(usize, char),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let ch = prop_oneof![
        prop::sample::select(vec![
            ',', ';', ' ', '\t', '\n', '\r', '#', '.', 'e', 'E', '-', '+', '−', '0', '9', 'i', 'n',
            'f', 'N', 'a', '“', '\u{a0}', '\u{0}',
        ]),
        any::<char>(),
    ];
    let edit = prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        (any::<usize>(), 0usize..8).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), ch).prop_map(|(i, c)| Edit::Replace(i, c)),
    ];
    prop::collection::vec(edit, 1..6)
}

fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let len = chars.len();
        match *edit {
            Edit::Insert(i, c) => chars.insert(i % (len + 1), c),
            Edit::Delete(i, n) if len > 0 => {
                let start = i % len;
                chars.drain(start..(start + n).min(len));
            }
            Edit::Replace(i, c) if len > 0 => chars[i % len] = c,
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(parse_config())]

    #[test]
    fn parse_points_never_panics_on_arbitrary_text(text in any::<String>()) {
        check_parse(&text)?;
    }

    #[test]
    fn parse_points_never_panics_on_number_like_text(text in "[0-9eE.,;# \t\r\n+−-]{0,120}") {
        check_parse(&text)?;
    }

    #[test]
    fn parse_points_reads_valid_text_back_and_survives_mutations(
        (points, text) in valid_text(),
        edits in edits(),
    ) {
        prop_assert_eq!(parse_points(&text), Ok(points));
        check_parse(&apply_edits(&text, &edits))?;
    }
}
