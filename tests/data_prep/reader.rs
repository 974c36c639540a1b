//! The CSV reader (`shared::table`) over a table of tricky inputs: each with the reading expected, or the
//! refusal and the words it must contain.

use backprop_lab::shared::table::{read_table, Kind, Table, Values, MAX_ROWS};

fn numbers(table: &Table, c: usize) -> Vec<Option<f64>> {
    match &table.columns[c].values {
        Values::Numbers(v) => v.clone(),
        Values::Categories { .. } => panic!("column {c} is not numbers"),
    }
}

fn categories(table: &Table, c: usize) -> Vec<Option<String>> {
    (0..table.rows).map(|r| table.columns[c].text(r)).collect()
}

#[test]
fn tricky_inputs_read_as_expected() {
    // (what, text, names, first column's numbers, second column's texts)
    type Case<'a> = (
        &'a str,
        &'a str,
        [&'a str; 2],
        Vec<Option<f64>>,
        Vec<Option<&'a str>>,
    );
    let cases: Vec<Case> = vec![
        (
            "plain",
            "x,kind\n1,a\n2,b\n",
            ["x", "kind"],
            vec![Some(1.0), Some(2.0)],
            vec![Some("a"), Some("b")],
        ),
        (
            "CRLF",
            "x,kind\r\n1,a\r\n2,b\r\n",
            ["x", "kind"],
            vec![Some(1.0), Some(2.0)],
            vec![Some("a"), Some("b")],
        ),
        (
            "byte-order mark",
            "\u{feff}x,kind\n1.5,a\n",
            ["x", "kind"],
            vec![Some(1.5)],
            vec![Some("a")],
        ),
        (
            "quoted comma",
            "x,kind\n\"1,5\",\"a, b\"\n",
            ["x", "kind"],
            vec![Some(1.5)],
            vec![Some("a, b")],
        ),
        (
            "quoted quote",
            "x,kind\n3,\"say \"\"hi\"\"\"\n",
            ["x", "kind"],
            vec![Some(3.0)],
            vec![Some("say \"hi\"")],
        ),
        (
            "semicolons, decimal commas",
            "x;kind\n1,25;a\n-2,5;b\n",
            ["x", "kind"],
            vec![Some(1.25), Some(-2.5)],
            vec![Some("a"), Some("b")],
        ),
        (
            "semicolons, 1,000 is one",
            "x;kind\n1,000;a\n",
            ["x", "kind"],
            vec![Some(1.0)],
            vec![Some("a")],
        ),
        (
            "tabs",
            "x\tkind\n4\ta\n",
            ["x", "kind"],
            vec![Some(4.0)],
            vec![Some("a")],
        ),
        (
            "missing markers",
            "x,kind\nNA,a\n,b\n?,NA\n-,N/A\nn/a,?\n7,-\n",
            ["x", "kind"],
            vec![None, None, None, None, None, Some(7.0)],
            vec![Some("a"), Some("b"), None, None, None, None],
        ),
        (
            "no header",
            "1,a\n2,b\n",
            ["column 1", "column 2"],
            vec![Some(1.0), Some(2.0)],
            vec![Some("a"), Some("b")],
        ),
        (
            "blank lines and spaces",
            "x , kind\n\n 1 , a \n   \n2,b\n",
            ["x", "kind"],
            vec![Some(1.0), Some(2.0)],
            vec![Some("a"), Some("b")],
        ),
        (
            "typographic minus",
            "x,kind\n−3,a\n",
            ["x", "kind"],
            vec![Some(-3.0)],
            vec![Some("a")],
        ),
    ];
    for (what, text, names, first, second) in cases {
        let table = read_table(text).unwrap_or_else(|e| panic!("{what}: refused: {e}"));
        let got: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(got, names, "{what}: names");
        assert_eq!(table.columns[0].kind(), Kind::Number, "{what}");
        assert_eq!(numbers(&table, 0), first, "{what}: numbers");
        let expected: Vec<Option<String>> = second.iter().map(|s| s.map(String::from)).collect();
        assert_eq!(categories(&table, 1), expected, "{what}: categories");
    }
}

#[test]
fn bad_inputs_are_refused_with_the_reason() {
    let cases: [(&str, String, &[&str]); 10] = [
        ("empty", String::new(), &["empty"]),
        ("spaces only", "  \n\n ".into(), &["empty"]),
        (
            "a mark and a lone quote (found by the fuzz run)",
            "\u{feff}\"".into(),
            &["empty"],
        ),
        ("header only", "a,b\n".into(), &["header", "no rows"]),
        (
            "ragged, short",
            "a,b,c\n1,2,3\n4,5\n".into(),
            &["Line 3", "column 3", "2 fields"],
        ),
        (
            "ragged, long",
            "a,b\n1,2\n3,4\n5,6,7\n".into(),
            &["Line 4", "column 3", "3 fields"],
        ),
        (
            "a word among numbers",
            "a,b\n1,x\n2,y\n3,y\nthree,z\n".into(),
            &["Line 5", "column 1", "“three” is not a number"],
        ),
        (
            "a number past 10¹⁵⁰",
            "a,b\n1,2\n3,1e308\n".into(),
            &["Line 3", "column 2", "too large"],
        ),
        (
            "too large",
            "a\n".to_string() + &"1\n".repeat(3 * 1024 * 1024),
            &["5 MB"],
        ),
        (
            "too many rows",
            "a\n".to_string() + &"1\n".repeat(MAX_ROWS + 1),
            &["100000"],
        ),
    ];
    for (what, text, words) in cases {
        let why = read_table(&text).expect_err(what);
        for word in words {
            assert!(why.contains(word), "{what}: “{why}” lacks “{word}”");
        }
    }
}

#[test]
fn the_limits_themselves_are_read() {
    let text = "a\n".to_string() + &"1\n".repeat(MAX_ROWS);
    assert_eq!(read_table(&text).unwrap().rows, MAX_ROWS);
}
