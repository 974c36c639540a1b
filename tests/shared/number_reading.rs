//! The core's number reader (`format::read_number`: CSV points, softmax scores) and the page's
//! (`typedNumber` in www/dom.js: every typed field) follow the same rules. Both are held to one table,
//! tests/number_cases.json: this test reads it natively, tests/e2e/two_neuron.test.mjs in the page.

use backprop_lab::shared::format::read_number;

#[test]
fn the_core_reads_numbers_as_the_shared_table_says() {
    let cases: Vec<(String, Option<f64>)> =
        serde_json::from_str(include_str!("../number_cases.json")).expect("the table is JSON");
    assert!(cases.len() > 20);
    for (text, expected) in cases {
        assert_eq!(read_number(&text), expected, "“{text}”");
    }
}
