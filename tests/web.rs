//! In-browser tests: the wasm build of the boundary, run in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use backprop_lab::web::{format_number, App};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[path = "data_prep/digest.rs"]
mod data_digest;
#[path = "../engine/tests/common/digest.rs"]
mod digest;
#[path = "playground/digest.rs"]
mod playground_digest;

wasm_bindgen_test_configure!(run_in_browser);

fn command(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test command is JSON")
}

fn reply(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).expect("reply is plain data")
}

fn dispatch(app: &mut App, json: &str) -> Value {
    reply(
        app.dispatch(command(json))
            .expect("dispatch returns a reply"),
    )
}

fn close(value: &Value, expected: f64) -> bool {
    value
        .as_f64()
        .is_some_and(|v| ((v - expected) / expected).abs() < 5e-4)
}

#[wasm_bindgen_test]
fn stepping_through_one_iteration_reproduces_the_seed() {
    let mut app = App::new();
    let start = reply(app.snapshot().unwrap());
    assert_eq!(start["snapshot"]["done"], 0);
    assert!(start["snapshot"]["neurons"][0]["z"].is_null());

    let r = dispatch(&mut app, r#"{"type":"step","count":1}"#);
    assert!(close(&r["snapshot"]["neurons"][0]["z"], 0.415));
    assert!(r["snapshot"]["last"]["text"]
        .as_str()
        .unwrap()
        .contains("0.4150"));

    let r = dispatch(&mut app, r#"{"type":"finish","phase":"update"}"#);
    let s = &r["snapshot"];
    assert_eq!(s["stage"], "done");
    let params = &s["parameters"];
    let find = |label: &str| {
        params
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["label"] == label)
            .unwrap()
            .clone()
    };
    assert!(close(&find("w₂")["gradient"], 0.05707));
    assert!(close(&find("w₂")["after"], 0.4272));
    assert!(close(&find("b₂")["after"], 0.6121));
    assert!(close(&find("w₁")["after"], 0.1496));
    assert!(close(&find("b₁")["after"], 0.3959));
    assert!(close(&find("w₁")["gradient"], 0.001021));
}

#[wasm_bindgen_test]
fn a_bad_command_is_refused_with_a_reason_and_changes_nothing() {
    let mut app = App::new();
    let r = dispatch(&mut app, r#"{"type":"jump"}"#);
    assert!(r["error"].as_str().unwrap().contains("Unknown command"));
    assert_eq!(r["snapshot"]["done"], 0);
    let r = dispatch(
        &mut app,
        r#"{"type":"set_weight","layer":5,"neuron":0,"input":0,"value":1}"#,
    );
    assert!(r["error"].as_str().unwrap().contains("no such weight"));
    // The page's shape is reshaped for serde at the boundary; whatever does not fit is refused there. (A field
    // a command does not have is ignored: serde-wasm-bindgen reads only the fields it knows.)
    for bad in [
        r#"{"type":"step"}"#,
        r#"{"type":"step","count":"one"}"#,
        r#"{"count":1}"#,
        r#"{"type":7}"#,
        r#"null"#,
        r#""reset""#,
    ] {
        let r = dispatch(&mut app, bad);
        assert!(
            r["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("Unknown command")),
            "{bad} gave {r}"
        );
        assert_eq!(r["snapshot"]["done"], 0, "{bad} changed nothing");
    }
    let r = dispatch(&mut app, r#"{"type":"next_iteration"}"#);
    assert!(r["error"].is_null(), "a command without fields: {r}");
}

#[wasm_bindgen_test]
fn a_malformed_spec_is_refused_naming_the_field() {
    let mut app = App::new();
    let r = reply(app.import_spec(r#"{"layers": [{"weights": [[1, 2]], "biases": [0], "activation": "sigmoid"}], "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1}, "data": {"inputs": [[1]], "targets": [[0]]}}"#).unwrap());
    let error = r["error"].as_str().unwrap();
    assert!(error.contains("data.inputs[0]"), "{error}");
    // The session is untouched: still the two-neuron example.
    assert_eq!(r["snapshot"]["architecture"], serde_json::json!([1, 1, 1]));
    let exported = app.export_spec().unwrap();
    assert!(exported.contains("\"half_squared_error\""));
    let r = reply(app.import_spec(&exported).unwrap());
    assert!(r["error"].is_null());
}

#[wasm_bindgen_test]
fn overflow_is_reported_as_divergence_and_reset_recovers() {
    let mut app = App::new();
    let spec = r#"{"layers": [{"weights": [[1]], "biases": [0], "activation": "identity"}], "loss": "half_squared_error",
        "optimizer": {"name": "sgd", "learning_rate": 100}, "data": {"inputs": [[3]], "targets": [[1]]}}"#;
    assert!(reply(app.import_spec(spec).unwrap())["error"].is_null());
    let r = dispatch(&mut app, r#"{"type":"run_iterations","count":1000}"#);
    let message = r["error"]
        .as_str()
        .expect("running into an overflow is refused");
    assert!(message.contains("Diverged at iteration"), "{message}");
    // The run overflowed after some iterations, not at the first.
    let said = r["snapshot"]["diverged"]["message"].as_str().unwrap();
    let at: usize = said
        .trim_start_matches("Diverged at iteration ")
        .split(':')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{said}"));
    assert!(at > 1, "{said}");
    let r = dispatch(&mut app, r#"{"type":"reset"}"#);
    assert!(r["snapshot"]["diverged"].is_null());
    assert_eq!(r["snapshot"]["iteration"], 1);
}

#[wasm_bindgen_test]
fn numbers_are_formatted_by_the_core() {
    assert_eq!(format_number(0.415), "0.4150");
    assert_eq!(format_number(0.0010214), "0.001021");
}

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas
        .set_attribute(
            "style",
            &format!("width: {width}px; height: {height}px; display: block"),
        )
        .unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

fn ink_pixels(canvas: &HtmlCanvasElement) -> usize {
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = context
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    data.chunks(4)
        .filter(|p| p[3] > 0 && (p[0] < 200 || p[1] < 200 || p[2] < 200))
        .count()
}

#[wasm_bindgen_test]
fn views_draw_on_canvases_sized_for_the_screen() {
    let mut app = App::new();
    dispatch(&mut app, r#"{"type":"run_iterations","count":20}"#);
    let ratio = web_sys::window().unwrap().device_pixel_ratio().max(1.0);
    let diagram = canvas(640, 300);
    app.draw_network(&diagram).unwrap();
    assert_eq!(diagram.width(), (640.0 * ratio).round() as u32);
    assert!(
        ink_pixels(&diagram) > 2_000,
        "the diagram drew almost nothing"
    );
    let curve = canvas(400, 200);
    app.draw_error_curve(&curve).unwrap();
    assert!(
        ink_pixels(&curve) > 500,
        "the error curve drew almost nothing"
    );
}

#[wasm_bindgen_test]
fn the_descent_lab_steps_and_draws_every_view() {
    use backprop_lab::web::DescentApp;
    let mut app = DescentApp::new().unwrap();
    let r = reply(
        app.dispatch(command(r#"{"type":"step","count":1}"#))
            .unwrap(),
    );
    // w₁ = 0 − 0.4 × dJ/dw with dJ/dw = −2·2·mean(x²) = −3.792 for the points on z = 2x.
    assert!(close(&r["snapshot"]["w"], 1.517));
    assert_eq!(r["snapshot"]["regime"], "smooth");
    let r = reply(
        app.dispatch(command(r#"{"type":"set_learning_rate","value":2}"#))
            .unwrap(),
    );
    assert_eq!(r["snapshot"]["regime"], "diverge");
    assert_eq!(
        r["snapshot"]["iteration"], 1,
        "changing η keeps the steps shown"
    );
    let r = reply(
        app.dispatch(command(r#"{"type":"set_points_text","text":"1, 2\nx"}"#))
            .unwrap(),
    );
    assert!(r["error"].as_str().unwrap().contains("Line 2"));

    dispatch_json(
        &mut app,
        r#"{"type":"set_model","model":"slope_and_intercept"}"#,
    );
    let (data, cost, contour, race, distance) = (
        canvas(500, 300),
        canvas(500, 300),
        canvas(400, 400),
        canvas(600, 250),
        canvas(500, 210),
    );
    app.draw_data_fit(&data).unwrap();
    app.draw_cost_curve(&cost).unwrap();
    app.draw_cost_contour(&contour).unwrap();
    app.draw_batch_race(&race).unwrap();
    app.draw_distance(&distance).unwrap();
    for c in [&data, &cost, &contour, &race, &distance] {
        assert!(ink_pixels(c) > 500, "a view drew almost nothing");
    }
    // Pointer positions map back to data and find the point drawn there.
    let at = app.point_on_screen(0).unwrap();
    assert_eq!(app.point_near(at[0], at[1], 6.0), Some(0));
    let xz = app.data_at(at[0], at[1]).unwrap();
    assert!(
        (xz[0] - 0.25).abs() < 0.02 && (xz[1] - 0.5).abs() < 0.05,
        "{xz:?}"
    );
}

fn dispatch_json(app: &mut backprop_lab::web::DescentApp, json: &str) -> Value {
    reply(app.dispatch(command(json)).unwrap())
}

#[wasm_bindgen_test]
fn the_vanishing_lab_reports_every_layer_and_draws_every_view() {
    use backprop_lab::web::VanishingApp;
    let mut app = VanishingApp::new().unwrap();
    let r = reply(
        app.dispatch(command(r#"{"type":"set_depth","depth":5}"#))
            .unwrap(),
    );
    assert_eq!(
        r["snapshot"]["chosen"]["layers"].as_array().unwrap().len(),
        5
    );
    assert_eq!(r["snapshot"]["compared"].as_array().unwrap().len(), 4);
    let r = reply(
        app.dispatch(command(r#"{"type":"set_depth","depth":21}"#))
            .unwrap(),
    );
    assert!(r["error"].as_str().unwrap().contains("between 1 and 20"));
    let views = [
        canvas(400, 250),
        canvas(400, 250),
        canvas(600, 200),
        canvas(600, 250),
        canvas(600, 250),
    ];
    app.draw_activation(&views[0]).unwrap();
    app.draw_softmax(&views[1]).unwrap();
    app.draw_gradient_flow(&views[2]).unwrap();
    app.draw_gradient_bars(&views[3]).unwrap();
    app.draw_training(&views[4]).unwrap();
    for c in &views {
        assert!(ink_pixels(c) > 500, "a view drew almost nothing");
    }
    // A pointer in the middle of the activation plot is near z = 0.
    let middle = views[0].client_width() as f64 / 2.0;
    let z = app.z_at(middle).unwrap();
    assert!(z.abs() < 1.0, "z under the middle is {z}");
}

#[wasm_bindgen_test]
fn the_same_seed_gives_the_same_digest_as_natively() {
    // tests/determinism.rs pins the native digest of the same runs.
    assert_eq!(
        backprop_lab::engine::workloads::fingerprint(),
        digest::FINGERPRINT,
        "WebAssembly's numbers differ from native ones"
    );
}

/// Each lab's digest against the native one (tests/shared/digest.rs pins the same setups natively), one
/// test a lab: a debug build running all five at once kept the page busy past the driver's 20-second limit
/// on a loaded machine.
fn lab_gives_the_same_digest_as_natively(lab: &str) {
    let (_, native) = digest::LAB_DIGESTS
        .iter()
        .find(|(name, _)| *name == lab)
        .expect("a recorded digest for the lab");
    let now = backprop_lab::digest::lab_digest(lab).expect("a lab the digest knows");
    assert_eq!(
        now, *native,
        "{lab}: WebAssembly's numbers differ from native ones: {now:#018x}"
    );
}

#[wasm_bindgen_test]
fn the_two_neuron_lab_gives_the_same_digest_as_natively() {
    lab_gives_the_same_digest_as_natively("two_neuron");
}

#[wasm_bindgen_test]
fn the_descent_lab_gives_the_same_digest_as_natively() {
    lab_gives_the_same_digest_as_natively("descent");
}

#[wasm_bindgen_test]
fn the_vanishing_lab_gives_the_same_digest_as_natively() {
    lab_gives_the_same_digest_as_natively("vanishing");
}

#[wasm_bindgen_test]
fn the_early_stopping_lab_gives_the_same_digest_as_natively() {
    lab_gives_the_same_digest_as_natively("early_stopping");
}

#[wasm_bindgen_test]
fn the_losses_lab_gives_the_same_digest_as_natively() {
    lab_gives_the_same_digest_as_natively("losses");
}

#[wasm_bindgen_test]
fn a_spec_that_continues_a_run_is_valid_in_the_browser_too() {
    // `next_spec` writes start_step > 0; a 32-bit usize once made every such spec invalid here.
    let mut spec = backprop_lab::engine::Spec::two_neuron();
    for start_step in [1, 1000, u32::MAX as usize] {
        spec.start_step = start_step;
        assert!(spec.validate().is_ok(), "start_step {start_step} refused");
    }
    assert_eq!(
        backprop_lab::engine::Activation::Relu.value(-0.0).to_bits(),
        0.0f64.to_bits(),
        "ReLU(−0) is +0 here as natively"
    );
}

#[wasm_bindgen_test]
fn the_early_stopping_lab_trains_reads_again_and_draws_both_views() {
    use backprop_lab::web::StoppingApp;
    let mut app = StoppingApp::new().unwrap();
    let r = reply(
        app.dispatch(command(r#"{"type":"train","epochs":700}"#))
            .unwrap(),
    );
    let s = &r["snapshot"];
    assert_eq!(s["epoch"], 700);
    assert_eq!(s["rows"].as_array().unwrap().len(), 20);
    // The same run as natively: patience 200 runs out 200 epochs after the best one.
    let best = s["best_epoch"].as_u64().unwrap();
    let status = s["status"].as_str().unwrap();
    assert!(
        status.contains(&format!(
            "would have stopped at epoch {} and kept epoch {best}",
            best + 200
        )),
        "{status}"
    );
    // Each control sends its own command; a new patience keeps the run.
    let r = reply(
        app.dispatch(command(r#"{"type":"set_patience","patience":1000}"#))
            .unwrap(),
    );
    assert_eq!(r["snapshot"]["epoch"], 700);
    assert!(r["snapshot"]["status"]
        .as_str()
        .unwrap()
        .contains("has not improved"));
    let r = reply(
        app.dispatch(command(r#"{"type":"set_points","points":3}"#))
            .unwrap(),
    );
    assert!(r["error"].as_str().unwrap().contains("between 12 and 200"));
    let views = [canvas(500, 300), canvas(500, 300)];
    app.draw_fit(&views[0]).unwrap();
    app.draw_errors(&views[1], false).unwrap();
    for c in &views {
        assert!(ink_pixels(c) > 500, "a view drew almost nothing");
    }
}

#[wasm_bindgen_test]
fn the_losses_lab_reads_commands_and_links_and_draws_its_three_views() {
    use backprop_lab::web::LossesApp;
    let mut app = LossesApp::new().unwrap();
    let r = reply(app.dispatch(command(r#"{"type":"set_z","z":-6}"#)).unwrap());
    let s = &r["snapshot"];
    assert_eq!(s["setup"]["z"], -6.0);
    assert_eq!(s["rows"][2]["name"], "cross-entropy");
    // σ′ cancels: cross-entropy's ∂E/∂z is a − T, the same here as natively.
    let a = s["a"].as_f64().unwrap();
    let de_dz = s["rows"][2]["de_dz"].as_f64().unwrap();
    assert!((de_dz - (a - 1.0)).abs() < 1e-12, "{de_dz}");
    assert!(s["runs"][2]["settled_after"].as_u64().unwrap() < 30);
    let r = reply(
        app.dispatch(command(r#"{"type":"set_target","target":2}"#))
            .unwrap(),
    );
    assert!(r["error"].as_str().unwrap().contains("between 0 and 1"));
    assert_eq!(
        r["snapshot"]["setup"]["target"], 1.0,
        "a refused command changes nothing"
    );
    let r = reply(app.open_link("z=2.5&t=0&eta=2&its=100").unwrap());
    assert_eq!(r["error"], Value::Null);
    assert_eq!(app.link(), "z=2.5&t=0&eta=2&its=100");
    let views = [canvas(500, 300), canvas(500, 300), canvas(500, 300)];
    app.draw_curves(&views[0], false).unwrap();
    app.draw_curves(&views[1], true).unwrap();
    app.draw_runs(&views[2]).unwrap();
    for c in &views {
        assert!(ink_pixels(c) > 500, "a view drew almost nothing");
    }
}

/// The playground's datasets are the same bits in the browser as natively.
#[wasm_bindgen_test]
fn the_playground_datasets_give_the_recorded_digest() {
    assert_eq!(
        playground_digest::datasets_digest(),
        playground_digest::DATASETS
    );
}

/// The data lab's penguins read, split, filled, scaled and learnt are the same bits in the browser as
/// natively; its handle trains, scores the test rows and draws both charts.
#[wasm_bindgen_test]
fn the_data_lab_gives_the_recorded_digest_and_draws() {
    assert_eq!(data_digest::data_digest(), data_digest::DATA_LAB);
    let mut app = backprop_lab::web::DataApp::new();
    for json in [r#"{"type":"train"}"#, r#"{"type":"evaluate"}"#] {
        let reply = reply(app.dispatch(command(json)).unwrap());
        assert!(reply["error"].is_null(), "{reply}");
    }
    let snapshot = reply(app.snapshot().unwrap())["snapshot"].clone();
    assert!(snapshot["run"]["test"]["accuracy"].as_f64().unwrap() >= 0.95);
    let views = [canvas(600, 300), canvas(600, 300)];
    app.draw_scatter(&views[0]).unwrap();
    app.draw_losses(&views[1], false).unwrap();
    for c in &views {
        assert!(ink_pixels(c) > 500, "a view drew almost nothing");
    }
}

/// Issue 19: a chart's lines join and end round. plotters-canvas strokes with the context's own lineJoin,
/// and the default, miter, grew spikes where a thick curve turns back within a pixel (the validation error
/// after thousands of epochs, momentum's path).
#[wasm_bindgen_test]
fn charts_join_and_cap_their_lines_round() {
    use backprop_lab::web::StoppingApp;
    let mut app = StoppingApp::new().unwrap();
    app.dispatch(command(r#"{"type":"train","epochs":3000}"#))
        .unwrap();
    let chart = canvas(500, 300);
    app.draw_errors(&chart, false).unwrap();
    let context: CanvasRenderingContext2d = chart
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(context.line_join(), "round");
    assert_eq!(context.line_cap(), "round");
}
