//! The chart pieces every lab's views share: the palette, `Style`, `Mapping`, axes and meshes, arrows,
//! labels and legends, and the series chart. Views draw one picture each from read-only data, on any plotters
//! backend (a canvas in the page, SVG in the native tests), and compute nothing a person reads as a number.

pub mod dash;
pub mod draw;
pub mod legend;
pub mod marker;
pub mod placement;
pub mod polyline;
pub mod series_chart;
pub mod style;
pub mod theme;

pub use dash::{dashed_path, patterned, Dash};
pub use draw::{
    arrow, boxed_text, chart, decade_label, house_mesh, label_font, text_size, whole,
    x_label_count, CHART_MARGIN, X_LABEL_AREA,
};
pub use legend::{corner_legend, legend_height, LegendEntry, LEGEND_INSET};
pub use placement::{along, beside_line, emptiest_corner};
pub use polyline::{polyline, thin_for};
pub use style::{activation_colour, on_top_of, palette, Mapping, Style};
