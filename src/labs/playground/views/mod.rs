//! The playground's pictures: the heatmaps' colours (as RGBA image data for the page to paint), the data plot
//! with its points, the network diagram's layout and edges, and the losses per epoch.

pub mod data_plot;
pub mod heatmap;
pub mod loss_chart;
pub mod network_diagram;
