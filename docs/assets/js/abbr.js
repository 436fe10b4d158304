/* Infobulles des sigles pour tous : clavier, toucher et souris (WCAG 1.4.13, 2.1.1).
 *
 * Le glossaire entoure chaque sigle d'un <abbr title>, que le navigateur ne montre qu'au
 * survol. Ici chaque sigle devient atteignable à la tabulation ; sa forme développée
 * s'affiche au focus, au toucher et au survol, dans une bulle liée par aria-describedby,
 * qui reste tant que le pointeur est dessus et se ferme avec Échap. Le `title` est retiré
 * (il ferait doublon avec la bulle) : sa valeur devient le texte de la bulle.
 */
(function () {
  "use strict";

  var sigles = document.querySelectorAll(".md-typeset abbr[title]");
  if (!sigles.length) return;
  var ouverte = null;
  var fermeture = null;

  function placer(abbr, bulle) {
    var r = abbr.getBoundingClientRect();
    bulle.style.left = Math.max(4, Math.min(r.left, window.innerWidth - bulle.offsetWidth - 4)) + "px";
    var dessous = r.bottom + 6;
    bulle.style.top = (dessous + bulle.offsetHeight > window.innerHeight ? r.top - bulle.offsetHeight - 6 : dessous) + "px";
  }

  function montrer(abbr) {
    clearTimeout(fermeture);
    if (ouverte && ouverte !== abbr) cacher(ouverte);
    var bulle = document.getElementById(abbr.getAttribute("aria-describedby"));
    bulle.hidden = false;
    placer(abbr, bulle);
    ouverte = abbr;
  }

  function cacher(abbr) {
    var bulle = document.getElementById(abbr.getAttribute("aria-describedby"));
    bulle.hidden = true;
    if (ouverte === abbr) ouverte = null;
  }

  function cacherBientot(abbr) {
    clearTimeout(fermeture);
    fermeture = setTimeout(function () { cacher(abbr); }, 300); // le temps d'aller sur la bulle
  }

  Array.prototype.forEach.call(sigles, function (abbr, n) {
    var bulle = document.createElement("span");
    bulle.className = "ref-infobulle";
    bulle.id = "ref-infobulle-" + n;
    bulle.setAttribute("role", "tooltip");
    bulle.textContent = abbr.getAttribute("title");
    bulle.hidden = true;
    abbr.setAttribute("data-forme-developpee", abbr.getAttribute("title"));
    abbr.removeAttribute("title");
    abbr.setAttribute("aria-describedby", bulle.id);
    abbr.classList.add("ref-sigle");
    abbr.after(bulle);
    // Dans un lien, le lien reçoit déjà le focus : pas de second arrêt de tabulation.
    if (!abbr.closest("a, button")) {
      // Pas d'aria-expanded : interdit sur <abbr> (axe, RGAA 7.1) ; la bulle est liée par aria-describedby.
      abbr.tabIndex = 0;
    }

    abbr.addEventListener("focus", function () { montrer(abbr); });
    abbr.addEventListener("blur", function () { cacher(abbr); });
    abbr.addEventListener("mouseenter", function () { montrer(abbr); });
    abbr.addEventListener("mouseleave", function () { cacherBientot(abbr); });
    bulle.addEventListener("mouseenter", function () { clearTimeout(fermeture); });
    bulle.addEventListener("mouseleave", function () { cacherBientot(abbr); });
    abbr.addEventListener("click", function (ev) {
      if (abbr.closest("a")) return; // le toucher suit le lien
      ev.stopPropagation();
      if (ouverte === abbr && !bulle.hidden && document.activeElement !== abbr) cacher(abbr); else montrer(abbr);
    });
    abbr.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); montrer(abbr); }
    });
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && ouverte) cacher(ouverte);
  });
  document.addEventListener("click", function () { if (ouverte) cacher(ouverte); });
  window.addEventListener("scroll", function () { if (ouverte) cacher(ouverte); }, { passive: true });
})();
