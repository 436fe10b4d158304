/* Tableau des interventions : filtres (champ, institution ou dispositif, texte libre) et tri.
 *
 * Amélioration progressive : sans JavaScript, le tableau reste complet et lisible. Les
 * filtres vivent dans l'adresse (?champ=…&dispositif=…&q=…&tri=…), si bien qu'un lien
 * partagé ou une page rechargée montre la même sélection. Le texte libre ignore accents
 * et majuscules ; le nombre de lignes affichées est annoncé aux lecteurs d'écran.
 */
(function () {
  "use strict";

  var zone = document.querySelector(".ref-filtres[data-cible]");
  var table = zone && document.getElementById(zone.getAttribute("data-cible"));
  if (!table || !table.tBodies.length) return;

  var corps = table.tBodies[0];
  var lignes = Array.prototype.slice.call(corps.rows);
  var total = lignes.length;
  lignes.forEach(function (tr, i) { tr.setAttribute("data-ordre", String(i)); });

  function plier(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").toLowerCase();
  }
  function texteCellule(tr, i) { return tr.cells[i] ? tr.cells[i].textContent.trim() : ""; }
  var index = lignes.map(function (tr) { return plier(tr.textContent.replace(/\s+/g, " ")); });

  function el(tag, attrs, texte) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (texte) e.textContent = texte;
    return e;
  }

  /* Les valeurs possibles, dans l'ordre du tableau, avec leur libellé affiché. */
  var champs = [], libellesChamp = {}, dispositifs = [], libellesDisp = {}, champDuDisp = {};
  lignes.forEach(function (tr) {
    var c = tr.getAttribute("data-champ"), d = tr.getAttribute("data-dispositif");
    if (!(c in libellesChamp)) { champs.push(c); libellesChamp[c] = texteCellule(tr, 0); }
    if (!(d in libellesDisp)) { dispositifs.push(d); libellesDisp[d] = texteCellule(tr, 1); champDuDisp[d] = c; }
  });

  /* --- Formulaire de filtres --- */
  var form = el("form", { "class": "ref-filtres__form", role: "search", "aria-label": "Filtrer le tableau des interventions" });
  var titre = el("p", { "class": "ref-filtres__titre" }, "Filtrer le tableau");
  function champSelect(id, libelle) {
    var bloc = el("div", { "class": "ref-filtres__bloc" });
    bloc.appendChild(el("label", { "for": id }, libelle));
    var s = el("select", { id: id });
    bloc.appendChild(s);
    return { bloc: bloc, select: s };
  }
  var fChamp = champSelect("ref-filtre-champ", "Champ d'intervention");
  fChamp.select.appendChild(el("option", { value: "" }, "Tous les champs"));
  champs.forEach(function (c) { fChamp.select.appendChild(el("option", { value: c }, libellesChamp[c])); });
  var fDisp = champSelect("ref-filtre-dispositif", "Institution / dispositif");

  function remplirDispositifs(champ) {
    var garde = fDisp.select.value;
    fDisp.select.textContent = "";
    fDisp.select.appendChild(el("option", { value: "" }, "Toutes les institutions et tous les dispositifs"));
    champs.forEach(function (c) {
      if (champ && c !== champ) return;
      var groupe = el("optgroup", { label: libellesChamp[c] });
      dispositifs.forEach(function (d) {
        if (champDuDisp[d] === c) groupe.appendChild(el("option", { value: d }, libellesDisp[d]));
      });
      fDisp.select.appendChild(groupe);
    });
    fDisp.select.value = garde;
    if (fDisp.select.value !== garde) fDisp.select.value = "";
  }

  var blocTexte = el("div", { "class": "ref-filtres__bloc ref-filtres__bloc--texte" });
  blocTexte.appendChild(el("label", { "for": "ref-filtre-texte" }, "Mots (dans toute la ligne)"));
  var fTexte = el("input", { id: "ref-filtre-texte", type: "search", autocomplete: "off", spellcheck: "false" });
  blocTexte.appendChild(fTexte);
  var effacer = el("button", { type: "button", "class": "ref-filtres__effacer" }, "Tout afficher");
  var etat = el("p", { "class": "ref-filtres__etat", role: "status" });

  form.appendChild(titre);
  form.appendChild(fChamp.bloc);
  form.appendChild(fDisp.bloc);
  form.appendChild(blocTexte);
  form.appendChild(effacer);
  zone.appendChild(form);
  zone.appendChild(etat);
  zone.hidden = false;

  /* --- Tri : un bouton dans chaque en-tête de colonne, aria-sort sur l'en-tête --- */
  var tri = { col: -1, sens: "" };
  var entetes = Array.prototype.slice.call(table.tHead.rows[0].cells);
  entetes.forEach(function (th, col) {
    var b = el("button", { type: "button", "class": "ref-tri" });
    while (th.firstChild) b.appendChild(th.firstChild);
    b.appendChild(el("span", { "class": "ref-tri__icone", "aria-hidden": "true" }));
    th.appendChild(b);
    b.addEventListener("click", function () {
      trier(col, tri.col === col && tri.sens === "ascending" ? "descending" : "ascending");
      ecrireAdresse();
    });
  });

  function trier(col, sens) {
    tri = { col: col, sens: sens };
    entetes.forEach(function (th, i) {
      if (i === col && sens) th.setAttribute("aria-sort", sens); else th.removeAttribute("aria-sort");
    });
    var ordre = lignes.slice();
    if (col >= 0 && sens) {
      var facteur = sens === "descending" ? -1 : 1;
      ordre.sort(function (a, b) {
        var r = texteCellule(a, col).localeCompare(texteCellule(b, col), "fr", { sensitivity: "base", numeric: true });
        return r * facteur || (+a.getAttribute("data-ordre") - +b.getAttribute("data-ordre"));
      });
    }
    ordre.forEach(function (tr) { corps.appendChild(tr); });
  }

  /* --- Filtrage --- */
  function appliquer() {
    var c = fChamp.select.value, d = fDisp.select.value, mots = plier(fTexte.value).split(/\s+/).filter(Boolean);
    var vues = 0;
    lignes.forEach(function (tr, i) {
      var ok = (!c || tr.getAttribute("data-champ") === c) && (!d || tr.getAttribute("data-dispositif") === d) &&
        mots.every(function (m) { return index[i].indexOf(m) !== -1; });
      tr.hidden = !ok;
      if (ok) vues++;
    });
    etat.textContent = vues === total
      ? "Toutes les lignes sont affichées (" + total + " types d'intervention)."
      : vues + (vues > 1 ? " lignes affichées" : " ligne affichée") + " sur " + total + ".";
    effacer.disabled = !c && !d && !mots.length;
  }

  var PARAMS = ["champ", "dispositif", "q", "tri"];
  function ecrireAdresse() {
    var url = new URL(location.href);
    var valeurs = {
      champ: fChamp.select.value, dispositif: fDisp.select.value, q: fTexte.value.trim(),
      tri: tri.col >= 0 && tri.sens ? (tri.col + 1) + (tri.sens === "descending" ? "-desc" : "") : ""
    };
    PARAMS.forEach(function (p) { if (valeurs[p]) url.searchParams.set(p, valeurs[p]); else url.searchParams.delete(p); });
    history.replaceState(null, "", url);
  }

  function lireAdresse() {
    var p = new URLSearchParams(location.search);
    var c = p.get("champ") || "";
    fChamp.select.value = libellesChamp.hasOwnProperty(c) ? c : "";
    remplirDispositifs(fChamp.select.value);
    var d = p.get("dispositif") || "";
    fDisp.select.value = libellesDisp.hasOwnProperty(d) ? d : "";
    fTexte.value = p.get("q") || "";
    var t = /^(\d+)(-desc)?$/.exec(p.get("tri") || "");
    if (t && +t[1] >= 1 && +t[1] <= entetes.length) trier(+t[1] - 1, t[2] ? "descending" : "ascending");
  }

  fChamp.select.addEventListener("change", function () {
    remplirDispositifs(fChamp.select.value);
    appliquer(); ecrireAdresse();
  });
  fDisp.select.addEventListener("change", function () { appliquer(); ecrireAdresse(); });
  var minuterie = null;
  fTexte.addEventListener("input", function () {
    clearTimeout(minuterie);
    minuterie = setTimeout(function () { appliquer(); ecrireAdresse(); }, 150);
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  effacer.addEventListener("click", function () {
    fChamp.select.value = ""; remplirDispositifs(""); fDisp.select.value = ""; fTexte.value = "";
    appliquer(); ecrireAdresse(); fChamp.select.focus();
  });

  lireAdresse();
  appliquer();
})();
