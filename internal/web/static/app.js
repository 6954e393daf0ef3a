// Distribu: small enhancements only. Every form works without this file.
(function () {
  "use strict";

  // Selects marked data-autosubmit submit their form on change.
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
    }
    // A product picker fills the price field with the chosen product's price.
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-price-target")) {
      var target = document.querySelector(el.getAttribute("data-price-target"));
      var opt = el.options[el.selectedIndex];
      if (target && opt && opt.getAttribute("data-price") !== null) {
        target.value = opt.getAttribute("data-price");
      }
    }
  });

  // Copy buttons: data-copy names the input whose value is copied.
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("[data-copy]");
    if (!btn) { return; }
    var input = document.querySelector(btn.getAttribute("data-copy"));
    if (!input) { return; }
    input.select();
    var done = function () { btn.textContent = "Copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });

  // Forms marked data-confirm ask first; forms marked data-inplace are sent
  // in the background and the page content is swapped in place, keeping the
  // scroll position. Without JavaScript both post and redirect as usual.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var msg = form.getAttribute && form.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) {
      e.preventDefault();
      return;
    }
    if (!form.hasAttribute("data-inplace") || !window.fetch || !window.DOMParser) { return; }
    e.preventDefault();
    var main = document.querySelector("main");
    var scroll = window.scrollY;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "follow" })
      .then(function (res) {
        var type = res.headers.get("Content-Type") || "";
        if (type.indexOf("text/html") !== 0) { throw new Error("not html"); }
        return res.text().then(function (html) { return { res: res, html: html }; });
      })
      .then(function (r) {
        var doc = new DOMParser().parseFromString(r.html, "text/html");
        var next = doc.querySelector("main");
        if (!next || !main) { throw new Error("no content"); }
        main.innerHTML = next.innerHTML;
        document.title = doc.title;
        if (r.res.url && r.res.url !== window.location.href) {
          window.history.replaceState(null, "", r.res.url.split("#")[0] + window.location.hash);
        }
        window.scrollTo(0, scroll);
      })
      .catch(function () {
        form.removeAttribute("data-inplace");
        form.submit();
      });
  });
})();
