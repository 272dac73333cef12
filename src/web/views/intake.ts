// #/intake: an intake desk registers a pickup: the place by clicking the map or typing
// coordinates, the devices by stream, a preferred day; the answer names the carrier and day.
import { bboxPolygon } from "@turf/turf";
import type { FeatureCollection } from "geojson";
import { api } from "../api.js";
import type { App } from "../app.js";
import { apiErrorBox } from "../errors.js";
import { h, mount, num } from "../dom.js";
import { showNetwork } from "../plan-layers.js";
import type { Pickup } from "../types.js";

/** #/intake */
export async function renderIntake(app: App): Promise<void> {
  app.status("intake", "loading");
  const scenarios = app.session.scenarios;
  app.map.clear();
  if (scenarios.length === 0) {
    mount(app.panel, h("h2", {}, "Register a pickup"), h("p", {}, "No programme is set up yet."));
    app.status("intake", "ready");
    return;
  }
  const select = h("select", { id: "intake-scenario" }, scenarios.map((s) => h("option", { value: s.id }, s.name)));
  const lat = h("input", { type: "number", id: "pickup-lat", step: "any", required: true, min: "-90", max: "90" });
  const lon = h("input", { type: "number", id: "pickup-lon", step: "any", required: true, min: "-180", max: "180" });
  const date = h("input", { type: "date", id: "pickup-date" });
  const contact = h("input", { id: "pickup-contact", required: true, placeholder: "e.g. crm:10442" });
  const units = h("div", { class: "fields" });
  const result = h("div", { "data-testid": "pickup-result" });
  const pin = (la: number, lo: number) => app.map.set("pin", { type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: [lo, la] }, properties: {} }] });

  const area = () => scenarios.find((s) => s.id === select.value) ?? scenarios[0];
  const showArea = () => {
    const s = area();
    app.map.set("areas", { type: "FeatureCollection", features: [{ ...bboxPolygon(s.bbox), properties: { colour: "#2563eb" } }] } as FeatureCollection);
    app.map.fit(s.bbox);
    void showNetwork(app.map, s.id);
    mount(units, s.streams.map((st) => h("div", { class: "field" }, h("label", { for: `units-${st.id}` }, st.name), h("input", { type: "number", id: `units-${st.id}`, "data-stream": st.id, min: "0", step: "1", value: "0" }))));
  };
  select.addEventListener("change", showArea);
  showArea();
  const onMapClick = (e: { lngLat: { lat: number; lng: number } }) => {
    lat.value = e.lngLat.lat.toFixed(5);
    lon.value = e.lngLat.lng.toFixed(5);
    pin(e.lngLat.lat, e.lngLat.lng);
  };
  app.map.map.on("click", onMapClick);
  app.onLeave(() => app.map.map.off("click", onMapClick));
  const sync = () => { if (lat.value && lon.value) pin(Number(lat.value), Number(lon.value)); };
  lat.addEventListener("change", sync);
  lon.addEventListener("change", sync);

  const form = h("form", {
    class: "card",
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      const counts: Record<string, number> = {};
      for (const input of units.querySelectorAll<HTMLInputElement>("input[data-stream]")) {
        const n = Number(input.value);
        if (n > 0) counts[input.dataset.stream!] = n;
      }
      const body = {
        scenarioId: select.value, location: { lat: Number(lat.value), lon: Number(lon.value) }, units: counts, contactRef: contact.value.trim(),
        ...(date.value ? { preferredDates: [date.value] } : {}),
      };
      try {
        const p = await api<Pickup>("POST", "/v1/pickups", body);
        mount(result, h("div", { class: "success", role: "status" },
          h("strong", {}, "Registered "), h("code", { "data-testid": "pickup-id" }, p.id),
          h("p", {}, "Carrier ", h("strong", { "data-testid": "pickup-carrier" }, p.carrierId), " on ", h("strong", { "data-testid": "pickup-date" }, p.date),
            `${p.zoneId ? ` · zone ${p.zoneId}` : ""} · ${num(p.massKg)} kg, ${num(p.volumeM3)} m³`)));
      } catch (err) {
        mount(result, apiErrorBox(err, body));
      }
    },
  },
  h("div", { class: "field" }, h("label", { for: "intake-scenario" }, "Programme"), select),
  h("p", { class: "muted" }, "Click the map to place the pickup, or type its coordinates."),
  h("div", { class: "fields" }, h("div", { class: "field" }, h("label", { for: "pickup-lat" }, "Latitude"), lat), h("div", { class: "field" }, h("label", { for: "pickup-lon" }, "Longitude"), lon)),
  h("h3", {}, "Devices"),
  units,
  h("div", { class: "fields" }, h("div", { class: "field" }, h("label", { for: "pickup-date" }, "Preferred day"), date), h("div", { class: "field" }, h("label", { for: "pickup-contact" }, "Contact reference"), contact)),
  h("button", { type: "submit", class: "primary", id: "register" }, "Register pickup"),
  result);
  mount(app.panel, h("h2", {}, "Register a pickup"), form);
  await app.map.idle();
  app.status("intake", "ready");
}
