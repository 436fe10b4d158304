/* Parcours d'intégration : garde dans ce navigateur (localStorage) les pages cochées.
   Rien n'est envoyé au serveur. Sans JavaScript les cases restent désactivées et la
   liste se lit comme un simple chemin de lecture. */
(function () {
  "use strict";

  var PREFIXE = "referentiel:parcours:";

  function lire(cle) {
    try {
      var valeur = JSON.parse(window.localStorage.getItem(cle) || "[]");
      return Array.isArray(valeur) ? valeur : [];
    } catch (erreur) {
      return [];
    }
  }

  function ecrire(cle, liste) {
    try {
      window.localStorage.setItem(cle, JSON.stringify(liste));
    } catch (erreur) { /* stockage refusé (navigation privée) : la page reste utilisable */ }
  }

  function initialiser(bloc) {
    var cle = PREFIXE + bloc.getAttribute("data-parcours");
    var cases = Array.prototype.slice.call(bloc.querySelectorAll("input[type=checkbox][data-etape]"));
    var progression = bloc.querySelector(".ref-progression");
    var barre = progression && progression.querySelector("progress");
    var texte = progression && progression.querySelector("span");
    var recommencer = bloc.querySelector(".ref-recommencer");
    var sansJs = bloc.querySelector(".ref-sans-js");
    var lues = lire(cle);

    function afficher() {
      var n = cases.filter(function (c) { return c.checked; }).length;
      if (barre) barre.value = n;
      if (texte) texte.textContent = n + (n > 1 ? " pages lues" : " page lue") + " sur " + cases.length;
    }

    cases.forEach(function (c) {
      c.disabled = false;
      c.checked = lues.indexOf(c.getAttribute("data-etape")) !== -1;
      c.addEventListener("change", function () {
        var liste = cases.filter(function (x) { return x.checked; })
          .map(function (x) { return x.getAttribute("data-etape"); });
        ecrire(cle, liste);
        afficher();
      });
    });
    if (recommencer) {
      recommencer.hidden = false;
      recommencer.addEventListener("click", function () {
        cases.forEach(function (c) { c.checked = false; });
        ecrire(cle, []);
        afficher();
      });
    }
    if (sansJs) sansJs.textContent = "Cochez les pages au fur et à mesure : votre progression est gardée dans ce navigateur. Rien n'est envoyé au serveur.";
    if (progression) progression.hidden = false;
    afficher();
  }

  function demarrer() {
    Array.prototype.forEach.call(document.querySelectorAll(".ref-parcours[data-parcours]"), initialiser);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", demarrer);
  else demarrer();
})();
