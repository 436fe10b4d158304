/* Recherche du référentiel avec Pagefind (index construit après MkDocs, servi par le site).
 *
 * Le formulaire de l'en-tête mène à /recherche/?q=… ; sur cette page, ce script lance la
 * recherche, affiche les résultats et les met à jour à la frappe (l'adresse suit la
 * requête, elle peut donc être partagée). Pagefind ignore accents et majuscules ; les
 * entrées du glossaire sont des fiches de résultat à part qui mènent à leur ancre.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-ref-recherche]");
  if (!form) return;
  var sortie = document.getElementById("ref-resultats");
  /* Ailleurs que sur la page de recherche : un aperçu des premiers résultats sous le champ. */
  var apercu = !sortie;
  if (apercu) {
    sortie = el("div", "ref-recherche__apercu");
    sortie.id = "ref-recherche-apercu";
    sortie.hidden = true;
    form.appendChild(sortie);
  }

  var champ = form.querySelector("input[name=q]");
  var page = new URL(form.getAttribute("action"), document.baseURI);
  var racine = new URL("../", page); // la page de recherche est à /recherche/
  var pagefind = null;
  var enCours = 0;
  var MAX = apercu ? 8 : 30;

  function el(tag, classe, texte) {
    var e = document.createElement(tag);
    if (classe) e.className = classe;
    if (texte) e.textContent = texte;
    return e;
  }

  /* L'extrait de Pagefind est du texte échappé où seules les balises <mark> sont ajoutées :
   * on le reconstruit en nœuds DOM sans jamais interpréter d'autre HTML. */
  function extrait(html) {
    var p = el("p", "ref-resultat__extrait");
    var morceaux = html.split(/(<mark>|<\/mark>)/);
    var dansMark = false;
    var tampon = document.createElement("textarea");
    morceaux.forEach(function (m) {
      if (m === "<mark>") { dansMark = true; return; }
      if (m === "</mark>") { dansMark = false; return; }
      tampon.innerHTML = m; // décode les entités, n'exécute rien (textarea)
      var t = document.createTextNode(tampon.value);
      if (dansMark) { var k = el("mark"); k.appendChild(t); p.appendChild(k); } else { p.appendChild(t); }
    });
    return p;
  }

  function lien(data) {
    var cible = (data.meta && data.meta.lien) || data.url;
    return new URL(cible.replace(/^\//, ""), racine).href;
  }

  /* Une seule région annoncée (le nombre de résultats), pas la liste entière. */
  var etat = el("p", "ref-resultats__etat");
  etat.setAttribute("role", "status");
  var liste = el("ol", "ref-resultats__liste");

  function afficher(requete, donnees, total) {
    liste.textContent = "";
    if (!requete) {
      etat.textContent = "Saisissez un mot ou un sigle dans le champ de recherche.";
    } else if (total === 0) {
      etat.textContent = "Aucun résultat pour « " + requete + " ».";
    } else {
      etat.textContent = total + (total > 1 ? " résultats" : " résultat") + " pour « " + requete + " »" +
        (total > donnees.length ? " (les " + donnees.length + " premiers sont affichés)." : ".");
    }
    donnees.forEach(function (d) {
      var li = el("li", "ref-resultat");
      var titre = el("h2", "ref-resultat__titre");
      var a = el("a", null, (d.meta && d.meta.title) || d.url);
      a.href = lien(d);
      titre.appendChild(a);
      li.appendChild(titre);
      li.appendChild(extrait(d.excerpt || ""));
      var sous = (d.sub_results || []).filter(function (s) { return s.url !== d.url && s.title !== d.meta.title; });
      if (sous.length && !(d.meta && d.meta.lien)) {
        var ul = el("ul", "ref-resultat__sections");
        sous.slice(0, 3).forEach(function (s) {
          var si = el("li");
          var sa = el("a", null, s.title);
          sa.href = new URL(s.url.replace(/^\//, ""), racine).href;
          si.appendChild(sa);
          ul.appendChild(si);
        });
        li.appendChild(ul);
      }
      liste.appendChild(li);
    });
  }

  /* Mots vides du français : présents dans presque chaque page, ils font parcourir à
   * Pagefind tout l'index (« de » seul : 200 ms à 10× la taille réelle, contre 8 ms pour
   * « protection enfance ») sans rien apporter au classement. Retirés d'une requête qui
   * contient d'autres mots ; une requête faite seulement de mots vides reste telle quelle. */
  var MOTS_VIDES = ["a", "à", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les",
                    "par", "pour", "sur", "dans", "un", "une"];

  function motsUtiles(requete) {
    var mots = requete.split(/\s+/).filter(Boolean);
    var utiles = mots.filter(function (m) { return MOTS_VIDES.indexOf(m.toLowerCase()) < 0; });
    return utiles.length ? utiles.join(" ") : requete;
  }

  function charger() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", racine).href).then(function (pf) {
        return pf.options({ baseUrl: racine.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function chercher(requete) {
    var numero = ++enCours;
    requete = requete.trim();
    if (!requete) { afficher("", [], 0); return Promise.resolve(); }
    liste.setAttribute("aria-busy", "true");
    return charger().then(function (pf) {
      return pf.search(motsUtiles(requete));
    }).then(function (r) {
      return Promise.all(r.results.slice(0, MAX).map(function (x) { return x.data(); })).then(function (d) {
        if (numero !== enCours) return; // une frappe plus récente a pris le relais
        afficher(requete, d, r.results.length);
      });
    }).then(function () {
      if (apercu) {
        sortie.hidden = !requete;
        if (requete && !sortie.querySelector(".ref-recherche__tous")) {
          var tous = el("a", "ref-recherche__tous", "Tous les résultats");
          sortie.appendChild(tous);
        }
        var t = sortie.querySelector(".ref-recherche__tous");
        if (t) t.href = page.href + "?q=" + encodeURIComponent(requete);
      }
    }).catch(function () {
      liste.textContent = "";
      etat.textContent = "La recherche n'a pas pu être chargée.";
    }).then(function () { liste.removeAttribute("aria-busy"); });
  }

  sortie.textContent = "";
  sortie.appendChild(etat);
  sortie.appendChild(liste);
  if (!apercu) {
    champ.value = new URLSearchParams(location.search).get("q") || "";
    chercher(champ.value);
  } else {
    champ.setAttribute("aria-controls", sortie.id);
  }

  var minuterie = null;
  champ.addEventListener("input", function () {
    clearTimeout(minuterie);
    /* Pagefind télécharge les fragments d'index du mot pendant la frappe : quand le
       délai s'achève, la recherche n'a plus rien à attendre du réseau. */
    var saisie = champ.value.trim();
    if (saisie) charger().then(function (pf) { if (pf.preload) pf.preload(motsUtiles(saisie)); });
    minuterie = setTimeout(function () {
      if (!apercu) {
        var url = new URL(location.href);
        if (champ.value.trim()) url.searchParams.set("q", champ.value.trim()); else url.searchParams.delete("q");
        history.replaceState(null, "", url);
      }
      chercher(champ.value);
    }, 100);
  });
  form.addEventListener("submit", function (ev) {
    if (apercu) return; // mène à la page de recherche complète
    ev.preventDefault();
    chercher(champ.value);
  });
  /* Échap ferme l'aperçu ; un clic ailleurs aussi. */
  form.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && apercu && !sortie.hidden) {
      ev.preventDefault(); // sinon le navigateur efface aussi la saisie
      sortie.hidden = true;
      champ.focus();
    }
  });
  document.addEventListener("click", function (ev) {
    if (apercu && !form.contains(ev.target)) sortie.hidden = true;
  });
  /* « / » place le curseur dans la recherche, comme sur la plupart des sites de documentation. */
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var saisie = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (ev.key === "/" && !saisie && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      champ.focus();
    }
  });
})();
