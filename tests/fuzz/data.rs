//! The data-preparation lab's two parsers of untrusted text: a CSV table of one's own (`shared::table`), and
//! the lab's link. An accepted table is loaded into the lab and trained a few epochs, evaluated and compared;
//! an accepted link is opened and trained the same way.

use backprop_lab::engine::rng::Rng;
use backprop_lab::labs::data_prep::link::data_from_query;
use backprop_lab::labs::data_prep::{DataCommand, DataLab};
use backprop_lab::shared::lab::Lab;
use backprop_lab::shared::table::read_table;

use super::faults::{command, printable, through_link};
use super::generate::{edit, link, pick, random_number, WORDS};
use super::{fuzz, Outcome, KEYS};

const TABLES: [&str; 5] = [
    "species,island,bill_length_mm,sex\nAdelie,Torgersen,39.1,male\nGentoo,Biscoe,NA,female\nAdelie,Dream,40.3,NA\nChinstrap,Dream,46.5,female\nGentoo,Biscoe,47.2,male\nAdelie,Torgersen,38.6,female\nChinstrap,Dream,50.0,male\nGentoo,Biscoe,45.1,female\nAdelie,Dream,37.0,male\nChinstrap,Dream,49.2,female\n",
    "\u{feff}\"x\";\"y\";\"kind\"\r\n1,5;2;a\r\n2,5;?;b\r\n3;4;a\r\n4;-;b\r\n5;6;a\r\n6;7;b\r\n7;8;a\r\n8;9;b\r\n9;1;a\r\n1;2;b\r\n",
    "1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n3,3,3\n4,4,4\n5,5,5\n6,6,6\n7,7,7\n",
    "a\tb\tclass\n0.1\t0.2\tyes\n0.3\tN/A\tno\n0.5\t0.6\tyes\n0.7\t0.8\tno\n0.9\t1.0\tyes\n1.1\t1.2\tno\n1.3\t1.4\tyes\n1.5\t1.6\tno\n",
    "name,value\n\"a, b\",1\n\"say \"\"hi\"\"\",2\n",
];

const CELLS: [&str; 12] = [
    "NA", "", "?", "-", "N/A", "male", "female", "\"1,5\"", "Adelie", "x", "1e308", "−2",
];

/// A table: a seed edited blindly, or rows of cells in the ways spreadsheets write them.
fn table_text(rng: &mut Rng) -> String {
    if rng.below(3) == 0 {
        let mut text = pick(rng, &TABLES).to_string();
        for _ in 0..1 + rng.below(3) {
            edit(rng, &mut text, &TABLES);
        }
        return text;
    }
    let separator = [",", ";", "\t"][rng.below(3)];
    let width = 1 + rng.below(4);
    let rows = rng.below(16);
    let mut lines = Vec::new();
    if rng.below(3) > 0 {
        lines.push(
            (0..width)
                .map(|k| format!("c{k}"))
                .collect::<Vec<_>>()
                .join(separator),
        );
    }
    for _ in 0..rows {
        let cells = width + usize::from(rng.below(12) == 0);
        let row: Vec<String> = (0..cells)
            .map(|_| match rng.below(6) {
                0 => pick(rng, &CELLS).to_string(),
                1 => pick(rng, &WORDS).to_string(),
                2 => ["a", "b", "c"][rng.below(3)].to_string(),
                _ if separator == ";" => random_number(rng).replace('.', ","),
                _ => random_number(rng),
            })
            .collect();
        lines.push(row.join(separator));
    }
    lines.join(if rng.below(3) == 0 { "\r\n" } else { "\n" })
}

/// Trains a few epochs, scores the test rows and compares, each snapshot checked.
fn train_briefly(lab: &mut DataLab) -> Result<(), String> {
    let set = |key: &str, value: &str| DataCommand::Set {
        key: key.into(),
        value: value.into(),
    };
    command(lab, set("epochs", "3"), "three epochs")?;
    command(lab, DataCommand::Train, "training")?;
    command(lab, DataCommand::Evaluate, "the test rows")?;
    command(lab, DataCommand::Compare, "the comparison")
}

#[test]
fn csv_tables() {
    fuzz("CSV tables", 0.1, table_text, |text| {
        match read_table(text) {
            Err(message) => {
                let named = ["Line ", "empty", "header", "MB", "rows of data"];
                if named.iter().any(|w| message.contains(w)) {
                    Ok(Outcome::Refused)
                } else {
                    Err(format!("“{message}” names no line, and no limit"))
                }
            }
            Ok(_) => {
                let mut lab = DataLab::new();
                let load = DataCommand::LoadCsv {
                    text: text.into(),
                    name: "fuzzed.csv".into(),
                };
                match lab.apply(load) {
                    // The lab may find no target, or too few rows to split: it says so.
                    Err(message) if message.trim().is_empty() => {
                        Err("the lab refused the table without a reason".into())
                    }
                    Err(_) => Ok(Outcome::Accepted),
                    Ok(()) => {
                        printable("the table loaded", &lab.snapshot())?;
                        train_briefly(&mut lab)?;
                        Ok(Outcome::Accepted)
                    }
                }
            }
        }
    });
}

const DATA_SEEDS: [&str; 4] = [
    "target=species&features=bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g&val=20&test=20&seed=1&missing=drop_features&scale=standard&hidden=8&act=tanh&opt=sgd&lr=0.1&batch=16&epochs=300&patience=30&wseed=1",
    "target=sex&features=island,body_mass_g&val=10&test=30&seed=4&missing=fill_median&scale=min_max&hidden=4,4&act=relu&opt=adam&lr=0.01",
    "target=body_mass_g&features=flipper_length_mm&scale=none&hidden=none&lr=3",
    "missing=drop_any&scale=none&patience=0",
];

#[test]
fn data_links() {
    let parse = |q: &str| data_from_query(q).map(|_| ());
    let words: &[(&str, &[&str])] = &[
        ("val", &["validation"]),
        ("test", &["test"]),
        ("target", &["target", "class"]),
        ("features", &["feature"]),
        ("hidden", &["hidden layer"]),
        ("lr", &["learning rate"]),
        ("batch", &["batch"]),
        ("epochs", &["epochs"]),
        ("patience", &["patience"]),
        ("seed", &["split"]),
    ];
    let mut keys = KEYS.to_vec();
    keys.extend(["target", "features", "missing", "scale", "opt", "wseed"]);
    let mut lab = DataLab::new();
    fuzz(
        "data link",
        0.1,
        |rng| link(rng, &DATA_SEEDS, &keys),
        |q| through_link(&mut lab, q, &parse, words, train_briefly),
    );
    // The lab is still one whose link reads back.
    assert!(Lab::link(&lab).is_some_and(|l| data_from_query(&l).is_ok()));
}
