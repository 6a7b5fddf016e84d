/* The portal's search box (partials/search.html).

   Each language searches its own index: over http(s), Pagefind's chunked
   index (pagefind/), which picks the index of the page's <html lang> and
   downloads only the chunks a query needs; from file:// (a kiosk), where a
   browser may fetch nothing, the script-tag index search/offline-<lang>.js.
   Queries are cut and folded by PortalSearchText, the rules the index used.
   Pages shown in this language through fallback carry a marked label. */
(function () {
  "use strict";

  var text = window.PortalSearchText;
  var box = document.querySelector("[data-portal-search]");
  if (!box || !text) return;

  var PAGE_SIZE = 10;  // results shown at once
  var EXCERPT_WORDS = 30;
  var lang = box.getAttribute("data-lang");
  var root = new URL(box.getAttribute("data-root").replace(/\/?$/, "/"), location.href);
  var toggle = document.getElementById("__search");
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector("form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var backend = null;
  var latest = 0;

  function say(key, count) {
    return (box.getAttribute("data-text-" + key) || "").replace("#", count);
  }

  function setOpen(open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }

  /* -- backends: each returns a promise of {total, load(from, to)}, where
     load gives a promise of [{url, title, excerpt (HTML), fallback}] -- */

  /* Hits of all the query's variants: each page once, at its best score, best first. */
  function rank(hits) {
    var best = {};
    hits.forEach(function (hit) {
      if (!best[hit.key] || best[hit.key].score < hit.score) best[hit.key] = hit;
    });
    return Object.keys(best).map(function (key) { return best[key]; })
      .sort(function (a, b) { return b.score - a.score; });
  }

  function pagefindBackend() {
    var loaded = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
      return pagefind.options({ baseUrl: root.pathname, excerptLength: EXCERPT_WORDS }).then(function () {
        pagefind.init();
        return pagefind;
      });
    });
    return function (query) {
      return loaded.then(function (pagefind) {
        return Promise.all(text.queryVariants(query, lang).map(function (variant) {
          return pagefind.search(variant);
        }));
      }).then(function (searches) {
        var ranked = rank([].concat.apply([], searches.map(function (search) {
          return search.results.map(function (result) { return { key: result.id, score: result.score, result: result }; });
        })));
        return { total: ranked.length, load: function (from, to) {
          // Each page's excerpt is a small file of its own, fetched when shown.
          return Promise.all(ranked.slice(from, to).map(function (hit) { return hit.result.data(); }))
            .then(function (pages) {
              return pages.map(function (page) {
                return {
                  url: page.url,
                  title: text.display(page.meta.title || ""),
                  excerpt: text.display(page.excerpt),
                  fallback: page.meta.fallback,
                };
              });
            });
        } };
      });
    };
  }

  function offlineBackend() {
    var loaded = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL("search/offline-" + lang + ".js", root).href;
      script.onload = function () { resolve(window.portalSearchOffline.map(prepareOffline)); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return function (query) {
      return loaded.then(function (docs) {
        var hits = [];
        text.queryVariants(query, lang, true).forEach(function (variant) {
          var terms = variant.split(" ").map(key).filter(Boolean);
          docs.forEach(function (doc) {
            var score = scoreOffline(doc, terms);
            if (score) hits.push({ key: doc.url, score: score, doc: doc, terms: terms });
          });
        });
        var ranked = rank(hits);
        return { total: ranked.length, load: function (from, to) {
          return Promise.resolve(ranked.slice(from, to).map(function (hit) {
            return {
              url: new URL(hit.doc.url, root).href,
              title: hit.doc.title,
              excerpt: excerptOffline(hit.doc, hit.terms),
              fallback: hit.doc.fallback,
            };
          }));
        } };
      });
    };
  }

  function key(word) {
    return text.fold(word).replace(/[^\p{L}\p{N}]/gu, "");
  }

  function prepareOffline(entry) {
    var words = text.indexText(entry.x, true).split(/\s+/);
    return {
      url: entry.u,
      title: entry.t,
      titleKeys: text.indexText(entry.t, true).split(/\s+/).map(key),
      words: words,
      keys: words.map(key),
      fallback: entry.f,
    };
  }

  /* Every term must start some word (a prefix: "invest" finds "investment");
     words of the title count more. */
  function scoreOffline(doc, terms) {
    var score = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var inTitle = doc.titleKeys.filter(function (k) { return k.indexOf(term) === 0; }).length;
      var inText = doc.keys.filter(function (k) { return k.indexOf(term) === 0; }).length;
      if (!inTitle && !inText) return 0;
      score += inTitle * 10 + inText;
    }
    return score;
  }

  function excerptOffline(doc, terms) {
    function hit(index) {
      return terms.some(function (term) { return doc.keys[index].indexOf(term) === 0; });
    }
    var first = 0;
    while (first < doc.words.length && !hit(first)) first++;
    var start = Math.max(0, Math.min(first - 5, doc.words.length - EXCERPT_WORDS));
    var shown = [];
    for (var i = start; i < Math.min(doc.words.length, start + EXCERPT_WORDS); i++) {
      var word = escapeHtml(doc.words[i]);
      shown.push(hit(i) ? "<mark>" + word + "</mark>" : word);
    }
    return text.display(shown.join(" "));
  }

  function escapeHtml(value) {
    var div = document.createElement("div");
    div.textContent = value;
    return div.innerHTML;
  }

  /* -- showing results -- */

  function render(found, query, asked) {
    list.textContent = "";
    meta.textContent = found.total === 0 ? say("none") : found.total === 1 ? say("one") : say("other", found.total);
    return showMore(found, query, asked);
  }

  /* The next results, and a button for the ones after them. */
  function showMore(found, query, asked) {
    var from = list.querySelectorAll(".md-search-result__item").length;
    return found.load(from, from + PAGE_SIZE).then(function (pages) {
      if (asked !== latest) return;  // a newer query is being answered
      var more = list.querySelector(".portal-search-more");
      if (more) more.parentNode.remove();
      pages.forEach(function (page) { list.append(resultItem(page)); });
      if (from + pages.length < found.total) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button portal-search-more";
        button.textContent = say("more");
        button.addEventListener("click", function () {
          showMore(found, query, asked).then(function () {
            var items = list.querySelectorAll(".md-search-result__link");
            if (items[from + pages.length]) items[from + pages.length].focus();
          });
        });
        item.append(button);
        list.append(item);
      }
      list.setAttribute("data-query", query);  // which query the list answers
    });
  }

  function resultItem(page) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = page.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (page.fallback) article.lang = page.fallback;
    var title = document.createElement("h1");
    title.textContent = page.title;
    var excerpt = document.createElement("p");
    excerpt.innerHTML = page.excerpt;  // the index's text, escaped, with <mark>s
    article.append(title, excerpt);
    if (page.fallback) {
      var label = document.createElement("p");
      label.className = "portal-search-fallback";
      label.lang = lang;
      label.textContent = say("fallback-" + page.fallback);
      article.append(label);
    }
    link.append(article);
    item.append(link);
    return item;
  }

  function search() {
    var query = input.value.trim();
    var asked = ++latest;
    if (!query) {
      list.textContent = "";
      list.removeAttribute("data-query");
      meta.textContent = say("placeholder");
      return;
    }
    if (!backend) {
      meta.textContent = say("initializer");
      backend = location.protocol === "file:" ? offlineBackend() : pagefindBackend();
    }
    backend(query).then(function (found) {
      if (asked === latest) return render(found, query, asked);
    }, function (error) {
      if (asked === latest) meta.textContent = say("failed");
      if (window.console) console.error(error);
    });
  }

  /* -- opening, closing, keyboard -- */

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  input.addEventListener("focus", function () { setOpen(true); });
  input.addEventListener("input", search);
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) setTimeout(function () { input.focus(); }, 100);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(); input.focus(); });
  });
  box.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      setOpen(false);
      input.blur();
    } else if (event.key === "ArrowDown" && all.length) {
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      (at === 0 ? input : all[at - 1]).focus();
    } else {
      return;
    }
    event.preventDefault();
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setOpen(true);
      input.focus();
    }
  });
})();
