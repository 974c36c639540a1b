//! A panic must never fail silently: it is logged and shown in the page's error banner.

use wasm_bindgen::prelude::*;

pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = format!(
                "Backprop Lab hit an internal error and stopped ({info}). Reload the page to start again."
            );
            web_sys::console::error_1(&JsValue::from_str(&message));
            show_banner(&message);
        }));
    });
}

fn show_banner(message: &str) {
    let Some(banner) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("error-banner"))
    else {
        return;
    };
    banner.set_text_content(Some(message));
    let _ = banner.remove_attribute("hidden");
    let _ = banner.set_attribute("data-fatal", "true");
}

/// Lets the browser tests check that a panic reaches the banner, not a blank page.
#[wasm_bindgen]
pub fn trigger_panic_for_test() {
    panic!("deliberate panic to test the error banner");
}
