// The incident map: Leaflet without tiles (works offline), country outlines from Natural Earth,
// one circle per geocoded incident sized by people killed.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }

  var map = L.map(el, { worldCopyJump: true, zoomSnap: 0.5, minZoom: 1 }).setView([25, 15], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  map.createPane("countries").style.zIndex = 250;

  fetch("/map/countries.geojson")
    .then(function (r) { return r.json(); })
    .then(function (geo) {
      L.geoJSON(geo, {
        pane: "countries",
        interactive: false,
        style: { color: "#9aa5b1", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(map);
    })
    .catch(function () { /* the map still shows the incidents */ });

  function radius(killed) {
    return 5 + 3 * Math.sqrt(Math.max(killed || 0, 0));
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  fetch(el.getAttribute("data-source"))
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var killed = feature.properties.killed_best;
          return L.circleMarker(latlng, {
            radius: radius(killed),
            className: "incident-marker",
            color: "#8b1e1e",
            weight: 1.2,
            fillColor: killed ? "#d64545" : "#e8a33d",
            fillOpacity: 0.55
          });
        },
        onEachFeature: function (feature, marker) {
          var p = feature.properties;
          marker.bindPopup(
            '<a href="' + escapeHtml(p.page) + '"><b>' + escapeHtml(p.title || p.id) + "</b></a><br>" +
            escapeHtml(p.date || "date unknown") + " · " +
            (p.killed_best == null ? "–" : escapeHtml(p.killed_best)) + " killed, " +
            (p.injured_best == null ? "–" : escapeHtml(p.injured_best)) + " injured"
          );
          marker.bindTooltip(escapeHtml(p.title || p.id));
        }
      }).addTo(map);
      var n = layer.getLayers().length;
      el.setAttribute("data-markers", String(n));
      if (n) { map.fitBounds(layer.getBounds().pad(0.4), { maxZoom: 6 }); }
    });

  var button = document.getElementById("in-view");
  if (button) {
    button.addEventListener("click", function () {
      var b = map.getBounds();
      var f = function (x) { return x.toFixed(4); };
      document.getElementById("bbox").value =
        [f(Math.max(b.getWest(), -180)), f(Math.max(b.getSouth(), -90)),
         f(Math.min(b.getEast(), 180)), f(Math.min(b.getNorth(), 90))].join(",");
      document.getElementById("filters").submit();
    });
  }
})();
