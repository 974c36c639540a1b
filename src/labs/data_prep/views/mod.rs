//! The data-preparation lab's pictures: a scatter of two number columns coloured by the target, and the
//! losses per epoch (of the run, and of the comparison).

pub mod loss_chart;
pub mod scatter;
