//! The walk through the data, shared by the traced and the fast trainer: `batch_size` examples a step, in
//! order or in an order shuffled per epoch by a seed, the last batch of an epoch holding the remainder.

use crate::rng::Rng;

#[derive(Clone, Debug)]
pub struct Batches {
    examples: usize,
    batch_size: usize,
    shuffle_seed: Option<u64>,
    epoch: usize,
    /// The order in which this epoch visits the examples, and how far it has got.
    order: Vec<usize>,
    position: usize,
}

impl Batches {
    /// Positioned at optimizer step `start_step`: the batches before it are skipped, epoch by epoch, so the next
    /// batch is the one an uninterrupted run would take.
    pub fn new(
        examples: usize,
        batch_size: usize,
        shuffle_seed: Option<u64>,
        start_step: usize,
    ) -> Batches {
        let batch_size = batch_size.clamp(1, examples.max(1));
        let steps_per_epoch = examples.div_ceil(batch_size).max(1);
        let mut batches = Batches {
            examples,
            batch_size,
            shuffle_seed,
            epoch: start_step / steps_per_epoch,
            order: Vec::new(),
            position: (start_step % steps_per_epoch) * batch_size,
        };
        batches.order = batches.epoch_order();
        batches
    }

    fn epoch_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.examples).collect();
        if let Some(seed) = self.shuffle_seed {
            // One stream per epoch, so epoch k's order does not depend on how many steps came before.
            Rng::new(seed ^ (self.epoch as u64).wrapping_mul(0xA076_1D64_78BD_642F))
                .shuffle(&mut order);
        }
        order
    }

    pub fn epoch(&self) -> usize {
        self.epoch
    }

    /// The example indices of the next batch.
    pub fn next(&self) -> &[usize] {
        let end = (self.position + self.batch_size).min(self.order.len());
        &self.order[self.position..end]
    }

    /// Moves past the batch `next` returned.
    pub fn advance(&mut self) {
        self.position += self.next().len();
        if self.position >= self.order.len() {
            self.epoch += 1;
            self.position = 0;
            self.order = self.epoch_order();
        }
    }
}
