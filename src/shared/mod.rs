//! Helpers every lab may use and none owns: numbers for people, the query-string helpers of links, the `Lab`
//! trait the web boundary drives, and the chart pieces (palette, style, mapping, legend, series chart).

pub mod chart;
pub mod format;
pub mod lab;
pub mod query;
pub mod table;
