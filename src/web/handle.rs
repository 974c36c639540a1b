//! The part every lab's handle shares: JavaScript commands in, the lab's reply out, with the snapshot computed
//! once per change so that every view draws from the same one.

use std::cell::{Ref, RefCell};

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::shared::lab::Lab;

/// A Rust value as a JavaScript one.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Missing values become null (not undefined) so the page can tell "not computed yet" apart.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// What every command answers: the new snapshot, and why the command was refused if it was.
#[derive(Serialize)]
struct Reply<'a, S> {
    snapshot: &'a S,
    error: Option<String>,
}

pub struct Handle<L: Lab> {
    pub lab: L,
    snapshot: RefCell<L::Snapshot>,
}

impl<L: Lab> Handle<L> {
    pub fn new(lab: L) -> Handle<L> {
        let snapshot = RefCell::new(lab.snapshot());
        Handle { lab, snapshot }
    }

    /// Applies a command given as a JavaScript object such as `{type: "step", count: 1}`.
    pub fn dispatch(&mut self, command: JsValue) -> Result<JsValue, JsValue> {
        // Each lab's command enum is tagged by "type", so serde reads the page's objects as they are.
        let parsed =
            serde_wasm_bindgen::from_value::<L::Command>(command).map_err(|e| e.to_string());
        let error = match parsed {
            Ok(command) => self.lab.apply(command).err(),
            Err(e) => Some(format!("Unknown command: {e}")),
        };
        self.changed(error)
    }

    pub fn open_link(&mut self, query: &str) -> Result<JsValue, JsValue> {
        let error = self.lab.open_link(query).err();
        self.changed(error)
    }

    pub fn link(&self) -> String {
        self.lab.link().unwrap_or_default()
    }

    /// After the lab changed (a command, or an edit by the handle itself): a fresh snapshot and the reply.
    pub fn changed(&mut self, error: Option<String>) -> Result<JsValue, JsValue> {
        *self.snapshot.borrow_mut() = self.lab.snapshot();
        self.reply(error)
    }

    pub fn reply(&self, error: Option<String>) -> Result<JsValue, JsValue> {
        to_js(&Reply {
            snapshot: &*self.snapshot.borrow(),
            error,
        })
    }

    pub fn snapshot(&self) -> Ref<'_, L::Snapshot> {
        self.snapshot.borrow()
    }
}

/// The methods every lab's exported handle has, forwarded to its `handle` field. wasm-bindgen cannot export
/// a generic type, so each lab gets its own struct and this one impl block.
macro_rules! forward_to_handle {
    ($app:ty) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl $app {
            /// Applies a command given as a JavaScript object such as `{type: "step", count: 1}`; returns
            /// `{snapshot, error}`, the error saying why a command was refused.
            pub fn dispatch(
                &mut self,
                command: wasm_bindgen::JsValue,
            ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
                self.handle.dispatch(command)
            }

            /// `{snapshot, error: null}` without changing anything.
            pub fn snapshot(&self) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
                self.handle.reply(None)
            }

            /// The query of a link to this setup (empty when it cannot be written as a link).
            pub fn link(&self) -> String {
                self.handle.link()
            }

            /// Opens a link's setup; returns `{snapshot, error}`, the error saying why a link was refused.
            pub fn open_link(
                &mut self,
                query: &str,
            ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
                self.handle.open_link(query)
            }
        }
    };
}

pub(crate) use forward_to_handle;
