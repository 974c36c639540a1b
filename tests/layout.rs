//! The layout rules of docs/ARCHITECTURE.md, checked on the source itself:
//! - no source file is much over 400 lines (tests excepted);
//! - no import cycle between Rust source files;
//! - a lab uses the engine and `shared`, never another lab; `shared` and the engine know no lab.
//!
//! Imports are read from `use` lines and `crate::`/`super::` paths, and resolved to the file that defines the
//! item: a path ending in a module's `mod.rs` follows that module's `pub use` to the child file that holds the
//! item, so a re-export does not count as a dependency on the parent.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// "About 400 lines": a little room for a file that would only be split for the count's sake.
const MAX_LINES: usize = 420;

fn files_under(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, extensions, out);
        } else if path
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e == *x))
        {
            out.push(path);
        }
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(ROOT)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn no_source_file_is_much_over_400_lines() {
    let mut files = Vec::new();
    for dir in ["src", "engine/src", "kernels/src"] {
        files_under(&Path::new(ROOT).join(dir), &["rs"], &mut files);
    }
    files_under(
        &Path::new(ROOT).join("www"),
        &["js", "html", "css"],
        &mut files,
    );
    assert!(files.len() > 40, "found only {} source files", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = fs::read_to_string(f).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", relative(f)))
        })
        .collect();
    assert!(long.is_empty(), "split by topic: {long:?}");
}

/// One crate's source: module path (["labs", "descent", "setup"]) → file.
struct Crate {
    name: &'static str,
    modules: BTreeMap<Vec<String>, PathBuf>,
}

impl Crate {
    fn read(name: &'static str, src: &str) -> Crate {
        let src = Path::new(ROOT).join(src);
        let mut files = Vec::new();
        files_under(&src, &["rs"], &mut files);
        let modules = files
            .into_iter()
            .filter(|f| !f.starts_with(src.join("bin")))
            .map(|f| {
                let mut path: Vec<String> = f
                    .strip_prefix(&src)
                    .unwrap()
                    .with_extension("")
                    .iter()
                    .map(|s| s.to_string_lossy().into_owned())
                    .collect();
                if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
                    path.pop();
                }
                (path, f)
            })
            .collect();
        Crate { name, modules }
    }

    fn module_of(&self, file: &Path) -> Vec<String> {
        self.modules
            .iter()
            .find(|(_, f)| f.as_path() == file)
            .map(|(m, _)| m.clone())
            .unwrap()
    }

    /// The file a path (absolute module segments, then maybe an item) points at.
    fn resolve(&self, segments: &[String]) -> Option<PathBuf> {
        let depth = (0..=segments.len())
            .rev()
            .find(|&k| self.modules.contains_key(&segments[..k]))?;
        let module = &segments[..depth];
        // An item named through a parent module: follow the parent's `pub use child::…Item` to the child.
        if let Some(item) = segments.get(depth) {
            let text = fs::read_to_string(&self.modules[module]).ok()?;
            if let Some(child) = reexporting_child(&text, item) {
                let mut deeper = module.to_vec();
                deeper.push(child);
                // Re-exported from another crate (the engine's kernels modules): no file of this one.
                if !self.modules.contains_key(&deeper) {
                    return None;
                }
                return self.resolve(&[deeper, segments[depth + 1..].to_vec()].concat());
            }
        }
        self.modules.get(module).cloned()
    }
}

/// The child module a `pub use child::{…, item, …}` (or `pub use child::item`) in a module's file re-exports
/// `item` from, unless the file defines `item` itself.
fn reexporting_child(text: &str, item: &str) -> Option<String> {
    let defines = text.lines().any(|l| {
        let l = l
            .trim_start()
            .trim_start_matches("pub ")
            .trim_start_matches("pub(crate) ");
        [
            "struct ", "enum ", "fn ", "const ", "type ", "trait ", "static ", "mod ",
        ]
        .iter()
        .any(|k| {
            l.strip_prefix(k).is_some_and(|rest| {
                rest.starts_with(item)
                    && !rest[item.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        })
    });
    if defines {
        return None;
    }
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut statements = code.split(';');
    statements.find_map(|s| {
        let s = s.trim();
        let rest = s
            .strip_prefix("pub use ")
            .or_else(|| s.strip_prefix("pub(crate) use "))?;
        let (child, names) = rest.split_once("::")?;
        let named = names
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|n| n == item);
        (named && child.chars().all(|c| c.is_alphanumeric() || c == '_') && child != "crate")
            .then(|| child.to_string())
    })
}

/// Every `crate::…` and `super::…` path in a file, as absolute module segments.
fn paths_in(text: &str, module: &[String], children: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // `use a::{b, c::d}` trees are flattened into a::b and a::c::d.
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for (k, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        if k > 0 && code[..k].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let mut base: Vec<String> = Vec::new();
        let mut rest = &code[k..];
        if let Some(r) = rest.strip_prefix("crate::") {
            rest = r;
        } else {
            // In module a::b (a file b.rs or b/mod.rs alike), `super` is a.
            base = module.to_vec();
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
        }
        expand(rest, &base, &mut out);
    }
    // A module names its own children without a prefix: `link::descent_query`, `pub use setup::X`.
    for child in children {
        let pattern = format!("{child}::");
        for (k, _) in code.match_indices(&pattern) {
            if k > 0 && code[..k].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut base = module.to_vec();
            base.push(child.clone());
            expand(&code[k + pattern.len()..], &base, &mut out);
        }
    }
    out
}

/// Expands one path's tail (`a::b::{c, d::e}` or `a::b`) onto `base`.
fn expand(rest: &str, base: &[String], out: &mut Vec<Vec<String>>) {
    let mut segments = base.to_vec();
    let mut rest = rest;
    loop {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 1;
                let end = group
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '{' => 1,
                            '}' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map_or(group.len(), |(i, _)| i);
                let inner = &group[..end];
                let mut depth = 0;
                let mut start = 0;
                for (i, c) in inner.char_indices().chain([(inner.len(), ',')]) {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            let part = inner[start..i].trim();
                            if !part.is_empty() && part != "self" {
                                expand(part, &segments, out);
                            }
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                return;
            }
            break;
        }
        segments.push(name.clone());
        rest = &rest[name.len()..];
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    out.push(segments);
}

fn dependencies(krate: &Crate) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mut graph = BTreeMap::new();
    for (module, file) in &krate.modules {
        let text = fs::read_to_string(file).unwrap();
        let children: Vec<String> = krate
            .modules
            .keys()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .map(|m| m[module.len()].clone())
            .collect();
        let mut targets = BTreeSet::new();
        for path in paths_in(&text, module, &children) {
            if let Some(target) = krate.resolve(&path) {
                if &target != file {
                    targets.insert(target);
                }
            }
        }
        graph.insert(file.clone(), targets);
    }
    graph
}

/// Files that reach themselves again through imports (each cycle once, by its smallest file).
fn cycles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    let mut found: Vec<Vec<PathBuf>> = Vec::new();
    for start in graph.keys() {
        // Breadth-first from start's targets, remembering the way back.
        let mut came_from: BTreeMap<&PathBuf, &PathBuf> = BTreeMap::new();
        let mut frontier: Vec<&PathBuf> = graph[start].iter().collect();
        for f in &frontier {
            came_from.insert(f, start);
        }
        while let Some(next) = frontier.pop() {
            if next == start {
                let mut cycle = vec![start.clone()];
                let mut at = came_from[start];
                while at != start {
                    cycle.push(at.clone());
                    at = came_from[at];
                }
                if !found
                    .iter()
                    .any(|c| c.iter().collect::<BTreeSet<_>>() == cycle.iter().collect())
                {
                    found.push(cycle);
                }
                break;
            }
            for target in graph.get(next).into_iter().flatten() {
                if !came_from.contains_key(target) {
                    came_from.insert(target, next);
                    frontier.push(target);
                }
            }
        }
    }
    found
}

#[test]
fn no_import_cycle_between_source_files() {
    for krate in [
        Crate::read("backprop-lab", "src"),
        Crate::read("backprop-engine", "engine/src"),
        Crate::read("backprop-kernels", "kernels/src"),
    ] {
        let graph = dependencies(&krate);
        let edges: usize = graph.values().map(BTreeSet::len).sum();
        assert!(edges > 5, "{}: only {edges} imports found", krate.name);
        let cycles: Vec<Vec<String>> = cycles(&graph)
            .into_iter()
            .map(|c| c.iter().map(|f| relative(f)).collect())
            .collect();
        assert!(
            cycles.is_empty(),
            "{}: import cycles {cycles:#?}",
            krate.name
        );
    }
}

#[test]
fn a_lab_uses_no_other_lab_and_shared_knows_no_lab() {
    let krate = Crate::read("backprop-lab", "src");
    let graph = dependencies(&krate);
    let lab_of = |file: &Path| -> Option<String> {
        let module = krate.module_of(file);
        (module.first().map(String::as_str) == Some("labs") && module.len() > 1)
            .then(|| module[1].clone())
    };
    let mut wrong = Vec::new();
    for (file, targets) in &graph {
        let module = krate.module_of(file);
        let top = module.first().map(String::as_str);
        for target in targets {
            let target_lab = lab_of(target);
            let bad = match (top, lab_of(file)) {
                (Some("labs"), Some(own)) => target_lab.is_some_and(|t| t != own),
                (Some("shared"), _) => target_lab.is_some(),
                _ => false,
            };
            if bad {
                wrong.push(format!("{} uses {}", relative(file), relative(target)));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The checker itself finds a cycle and an import of another lab when there is one, so the tests above cannot
/// pass by reading nothing.
#[test]
fn the_checker_sees_a_cycle_and_a_path_into_another_lab() {
    let a = PathBuf::from("a.rs");
    let b = PathBuf::from("b.rs");
    let c = PathBuf::from("c.rs");
    let graph = BTreeMap::from([
        (a.clone(), BTreeSet::from([b.clone()])),
        (b.clone(), BTreeSet::from([c.clone()])),
        (c.clone(), BTreeSet::from([a.clone()])),
    ]);
    assert_eq!(cycles(&graph).len(), 1);
    let module = vec![
        "labs".to_string(),
        "descent".to_string(),
        "views".to_string(),
    ];
    let paths = paths_in(
        "use crate::labs::losses::{LossSetup, link::losses_query};\nuse super::super::setup::X;",
        &module,
        &[],
    );
    assert!(paths.contains(&vec![
        "labs".into(),
        "losses".into(),
        "link".into(),
        "losses_query".into()
    ]));
    assert!(paths.contains(&vec!["labs".into(), "setup".into(), "X".into()]));
    assert_eq!(
        reexporting_child(
            "pub mod setup;\npub use setup::{DescentSetup, Model};",
            "Model"
        ),
        Some("setup".into())
    );
}
