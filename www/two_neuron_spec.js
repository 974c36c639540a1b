// The two-neuron lab's import and export: a spec (network, data, error function and optimizer as one JSON
// document) or the iteration's every value into the text box, a spec from the box or a file, and the lab's
// link, which carries a whole spec when the network is not the course's.

import { tell } from "./dom.js";
import { save } from "./classroom/charts.js";

const $ = (id) => document.getElementById(id);

export function importExport(lab) {
  const { app } = lab;
  // Said beside the box and the buttons: a refusal read out at once (role="alert"), a success or an export
  // in the status line; the box is marked while the text it holds was refused and is not in use.
  const said = { refused: $("spec-refused"), done: $("spec-message"), field: $("spec-text") };

  $("export-spec").addEventListener("click", () => {
    $("spec-text").value = app.export_spec();
    tell(said, "The current starting values, as a spec. Copy it, or edit it and import it.", false);
  });
  $("export-trace").addEventListener("click", () => {
    $("spec-text").value = app.export_trace();
    const overflowed = lab.snapshot.diverged ? " Numbers that overflowed are written as null (JSON has no ∞)." : "";
    tell(
      said,
      `Every value of iteration ${lab.snapshot.iteration} (its "step" counts from 0), as JSON: a record, not a spec, ` +
        `so it cannot be imported.${overflowed}`,
      false,
    );
  });

  // The iteration on screen, one row per operation, written by the core (labs::two_neuron::run_csv).
  $("export-csv").addEventListener("click", () => {
    const name = `two-neuron-iteration-${lab.snapshot.iteration}.csv`;
    save(name, new Blob([app.export_operations_csv()], { type: "text/csv" }));
    tell(said, `Iteration ${lab.snapshot.iteration}, one row per operation (its formula and its value in full), downloaded as ${name}.`, false);
  });

  // `from` names where the text came from ("the box", or a file by name).
  function importText(text, from) {
    lab.switchNote = "";
    lab.stopChecking();
    const reply = app.import_spec(text);
    lab.snapshot = reply.snapshot;
    if (reply.error) {
      tell(said, `${from} was not imported: ${reply.error} The network in use is unchanged; the text in the box is not in use.`, true);
    } else {
      tell(said, `Imported ${from === "The box" ? "the box's spec" : from}: the run starts again from it.`, false);
      lab.setMessage("");
    }
    lab.render();
  }
  $("import-spec").addEventListener("click", () => importText($("spec-text").value, "The box"));
  $("spec-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    // Cleared, so choosing the same file again (after fixing it) reads it again.
    event.target.value = "";
    if (file.size > 5_000_000) {
      tell(said, `“${file.name}” is larger than 5 MB; a spec is a few kilobytes. The network in use is unchanged.`, true);
      return;
    }
    const text = await file.text();
    $("spec-text").value = text;
    importText(text, `“${file.name}”`);
  });

  // Opens a link's setup; returns why it was refused, or null. A link to another network than the course's
  // chain carries its whole spec, as JSON (see `link`).
  function openLink(query) {
    lab.switchNote = "";
    const spec = new URLSearchParams(query).get("spec");
    const reply = spec === null ? app.open_link(query) : app.import_spec(spec);
    lab.snapshot = reply.snapshot;
    lab.render();
    return reply.error;
  }

  // The address of the lab as it stands. The course's chain has short named settings (core::link); any
  // other network (an import) is written as its spec at the start of the iteration on screen, so the
  // address still opens it.
  function link() {
    const query = app.link();
    return query !== "" ? query : `spec=${encodeURIComponent(JSON.stringify(JSON.parse(app.export_spec())))}`;
  }

  return { openLink, link };
}
