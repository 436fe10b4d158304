/* Glossaire : filtre par lettre et par texte (accents et majuscules ignorés).
 *
 * La page reste une liste A–Z complète sans JavaScript. Ici chaque entrée (son titre et
 * ce qui le suit) est regroupée pour pouvoir être masquée ; un clic sur une lettre ne
 * montre que cette lettre ; l'état est dans l'adresse (?lettre=c&q=…) et le nombre
 * d'entrées affichées est annoncé.
 */
(function () {
  "use strict";

  var az = document.querySelector(".md-typeset nav.ref-az");
  if (!az) return;
  var article = az.closest(".md-typeset");

  function plier(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").toLowerCase();
  }

  /* Regroupe chaque lettre (h2) et chaque entrée (h3 + la suite) dans un élément masquable. */
  var lettres = [];
  var entrees = [];
  Array.prototype.forEach.call(article.querySelectorAll("h2[id^=lettre-]"), function (h2) {
    var lettre = { id: h2.id.replace(/^lettre-/, ""), titre: h2, entrees: [] };
    var noeud = h2.nextElementSibling;
    var courante = null;
    while (noeud && noeud.tagName !== "H2") {
      var suivant = noeud.nextElementSibling;
      if (noeud.tagName === "H3") {
        courante = document.createElement("div");
        courante.className = "ref-entree";
        noeud.before(courante);
        lettre.entrees.push(courante);
        entrees.push({ bloc: courante, lettre: lettre, texte: "" });
      }
      if (courante) courante.appendChild(noeud);
      noeud = suivant;
    }
    lettres.push(lettre);
  });
  entrees.forEach(function (e) { e.texte = plier(e.bloc.textContent); });
  if (!entrees.length) return;

  var zone = document.createElement("div");
  zone.className = "ref-filtres ref-filtres--glossaire";
  zone.innerHTML =
    '<form class="ref-filtres__form" role="search" aria-label="Filtrer le glossaire">' +
    '<div class="ref-filtres__bloc ref-filtres__bloc--texte"><label for="ref-glossaire-texte">' +
    "Chercher un sigle ou un terme</label>" +
    '<input id="ref-glossaire-texte" type="search" autocomplete="off" spellcheck="false"></div>' +
    '<button type="button" class="ref-filtres__effacer">Toutes les entrées</button></form>' +
    '<p class="ref-filtres__etat" role="status"></p>';
  az.after(zone);
  var champ = zone.querySelector("input");
  var effacer = zone.querySelector("button");
  var etat = zone.querySelector("[role=status]");
  var lettreChoisie = "";

  var liens = Array.prototype.slice.call(az.querySelectorAll("a[href^='#lettre-']"));
  function appliquer() {
    var mots = plier(champ.value).split(/\s+/).filter(Boolean);
    var vues = 0;
    entrees.forEach(function (e) {
      var ok = (!lettreChoisie || e.lettre.id === lettreChoisie) &&
        mots.every(function (m) { return e.texte.indexOf(m) !== -1; });
      e.bloc.hidden = !ok;
      if (ok) vues++;
    });
    lettres.forEach(function (l) {
      l.titre.hidden = !l.entrees.some(function (b) { return !b.hidden; });
    });
    liens.forEach(function (a) {
      if (a.getAttribute("href") === "#lettre-" + lettreChoisie) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    etat.textContent = vues === entrees.length ? "Toutes les entrées sont affichées (" + vues + ")."
      : vues + (vues > 1 ? " entrées affichées" : " entrée affichée") + " sur " + entrees.length +
        (lettreChoisie ? " (lettre " + lettreChoisie.toUpperCase() + ")" : "") + ".";
    effacer.disabled = !lettreChoisie && !mots.length;
    var url = new URL(location.href);
    if (lettreChoisie) url.searchParams.set("lettre", lettreChoisie); else url.searchParams.delete("lettre");
    if (champ.value.trim()) url.searchParams.set("q", champ.value.trim()); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  }

  liens.forEach(function (a) {
    a.addEventListener("click", function () {
      var id = a.getAttribute("href").replace("#lettre-", "");
      lettreChoisie = lettreChoisie === id ? "" : id; // un second clic rend toutes les lettres
      appliquer();
    });
  });
  var minuterie = null;
  champ.addEventListener("input", function () {
    clearTimeout(minuterie);
    minuterie = setTimeout(appliquer, 120);
  });
  zone.querySelector("form").addEventListener("submit", function (ev) { ev.preventDefault(); });
  effacer.addEventListener("click", function () { lettreChoisie = ""; champ.value = ""; appliquer(); champ.focus(); });

  /* Une ancre d'entrée (#ccapex) doit rester visible : on ne filtre alors que si l'adresse le demande. */
  var p = new URLSearchParams(location.search);
  var l = p.get("lettre") || "";
  lettreChoisie = lettres.some(function (x) { return x.id === l; }) ? l : "";
  champ.value = p.get("q") || "";
  appliquer();
})();
