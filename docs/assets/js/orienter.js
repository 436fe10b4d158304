/* « Orienter une personne » : filtre les besoins par les mots de la personne.
   Sans JavaScript la page liste tous les besoins ; ce script ajoute le champ de
   recherche. Accents et majuscules ignorés (« expulse » trouve « expulsé »). Chaque mot
   tapé doit apparaître au début d'un mot d'un besoin. La requête est gardée dans
   l'adresse (?q=…) pour pouvoir partager le lien. */
(function () {
  "use strict";

  function plier(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function mots(texte) {
    return plier(texte).split(/[^a-z0-9]+/).filter(Boolean);
  }

  function initialiser() {
    var formulaire = document.querySelector("form.ref-orienter");
    if (!formulaire) return;
    var champ = formulaire.querySelector("input[type=search]");
    var compte = formulaire.querySelector(".ref-compte");
    var besoins = Array.prototype.slice.call(document.querySelectorAll("section.ref-besoin"));
    var aucun = document.querySelector(".ref-aucun");
    var index = besoins.map(function (section) {
      return mots(section.getAttribute("data-mots") || "");
    });

    function filtrer() {
      var requete = mots(champ.value);
      var visibles = 0;
      besoins.forEach(function (section, i) {
        var ok = requete.every(function (mot) {
          return index[i].some(function (candidat) { return candidat.indexOf(mot) === 0; });
        });
        section.hidden = !ok;
        if (ok) visibles += 1;
      });
      if (aucun) aucun.hidden = visibles !== 0;
      compte.textContent = requete.length === 0 ? "" :
        visibles === 0 ? "Aucun besoin ne correspond." :
        visibles === 1 ? "1 besoin correspond." : visibles + " besoins correspondent.";
      var url = new URL(window.location.href);
      if (champ.value.trim()) url.searchParams.set("q", champ.value.trim());
      else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.toString());
    }

    formulaire.hidden = false;
    formulaire.addEventListener("submit", function (evenement) { evenement.preventDefault(); });
    champ.addEventListener("input", filtrer);
    var initiale = new URL(window.location.href).searchParams.get("q");
    if (initiale) {
      champ.value = initiale;
      filtrer();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initialiser);
  else initialiser();
})();
