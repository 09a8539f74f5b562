/* Goed Voorbeeld: the case form at /bijdragen/nieuw/.
 *
 * The rules of `goedvoorbeeld check` for a case written with this form, in the browser: the same codes and
 * the same Dutch messages. Every fact (fields, limits, choices, tags, sections, hints, code table) comes from
 * the JSON the build writes into the page (goedvoorbeeld.caseform.form_data); nothing here lists them again.
 * tests/test_case_form_rules.py feeds hundreds of generated drafts to these functions (with node) and to the
 * Python checker and compares file text, file name, codes and messages.
 *
 * What the JS does not repeat (see README, "The case form"): reading YAML (the form writes the front matter
 * itself, so the values are known), and the checker's second look at rendered HTML when inline code hides
 * markup (`check` then says `needsRendering`; the editors' `goedvoorbeeld check` still runs it).
 *
 * Loaded as a plain script in the page (starts the form) or with require() in node (the rules only).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.GVForm = api;
    if (root.document) {
      if (root.document.readyState === "loading") {
        root.document.addEventListener("DOMContentLoaded", function () { api.start(root.document); });
      } else {
        api.start(root.document);
      }
    }
  }
})(this, function () {
  "use strict";

  // ---------------------------------------------------------------------------------------------------------
  // Python's string semantics (the checker is Python): white space, code points, strip and split.

  var WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var WS_RUN = new RegExp("[" + WS + "]+", "gu");
  var WS_ONLY = new RegExp("^[" + WS + "]*$", "u");
  var LEAD_WS = new RegExp("^[" + WS + "]+", "u");
  var TRAIL_WS = new RegExp("[" + WS + "]+$", "u");

  function cpLen(s) { var n = 0; for (var i = 0; i < s.length; i++) { var c = s.charCodeAt(i); if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++; } return n; }
  function cpSlice(s, n) { return Array.from(s).slice(0, n).join(""); }
  function strip(s) { return s.replace(LEAD_WS, "").replace(TRAIL_WS, ""); }
  function rstrip(s) { return s.replace(TRAIL_WS, ""); }
  function stripChars(s, ch) {
    var a = 0, b = s.length;
    while (a < b && ch.indexOf(s[a]) >= 0) a++;
    while (b > a && ch.indexOf(s[b - 1]) >= 0) b--;
    return s.slice(a, b);
  }
  function collapse(s) { return strip(s).split(WS_RUN).filter(Boolean).join(" "); }
  function isBlank(s) { return WS_ONLY.test(s); }
  function isAscii(s) { return /^[\x00-\x7f]*$/.test(s); }
  function aboveSpace(s) { return Array.from(s).filter(function (ch) { return ch > " "; }).join(""); }
  function count(s, sub) { var n = 0, i = s.indexOf(sub); while (i !== -1) { n++; i = s.indexOf(sub, i + sub.length); } return n; }
  // problems.amount: a count with its noun in agreement ("1 teken", "2 tekens").
  function amount(n, one, more) { return n + " " + (n === 1 ? one : more); }
  // A regular expression with Python's \s and \S (Unicode white space as str.isspace() sees it).
  function re(source, flags) {
    var out = "", inClass = false;
    for (var i = 0; i < source.length; i++) {
      var c = source[i];
      if (c === "\\") {
        var n = source[i + 1];
        out += n === "s" ? (inClass ? WS : "[" + WS + "]") : n === "S" ? "[^" + WS + "]" : c + n;
        i++;
        continue;
      }
      if (c === "[" && !inClass) inClass = true;
      else if (c === "]" && inClass) inClass = false;
      out += c;
    }
    return new RegExp(out, flags || "u");
  }

  // difflib.get_close_matches(word, options, n=1, cutoff=0.6): the "bedoelde je ...?" of the checker.
  function matchedCount(a, b) {
    var b2j = {};
    for (var j = 0; j < b.length; j++) (b2j[b[j]] = b2j[b[j]] || []).push(j);
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, size = 0, j2len = {};
      for (var i = alo; i < ahi; i++) {
        var next = {}, js = b2j[a[i]] || [];
        for (var x = 0; x < js.length; x++) {
          var jj = js[x];
          if (jj < blo) continue;
          if (jj >= bhi) break;
          var k = next[jj] = (j2len[jj - 1] || 0) + 1;
          if (k > size) { besti = i - k + 1; bestj = jj - k + 1; size = k; }
        }
        j2len = next;
      }
      return [besti, bestj, size];
    }
    var total = 0, queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        total += m[2];
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    return total;
  }
  function closest(word, options) {
    var w = Array.from(word.toLowerCase()), best = null, bestScore = -1;
    options.forEach(function (x) {
      var a = Array.from(x), t = a.length + w.length;
      var ratio = t ? 2 * matchedCount(a, w) / t : 1;
      if (ratio >= 0.6 && (ratio > bestScore || (ratio === bestScore && x > best))) { best = x; bestScore = ratio; }
    });
    return best;
  }

  // html.unescape for what decides a link's scheme: numeric references exactly, and the named references whose
  // value is ASCII (data.entities); any other named reference stays as written, which reads the same for a
  // scheme, a protocol-relative address and an image suffix (a character that is neither ASCII nor white space).
  function unescapeHtml(s, data) {
    if (s.indexOf("&") < 0) return s;
    return s.replace(/&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/g, function (all, ref) {
      if (ref[0] === "#") {
        var num = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2).replace(/;$/, ""), 16) : parseInt(ref.slice(1).replace(/;$/, ""), 10);
        if (Object.prototype.hasOwnProperty.call(data.html.invalid_charrefs, num)) return data.html.invalid_charrefs[num];
        if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) return "\ufffd";
        if (data.html.invalid_codepoints.indexOf(num) >= 0) return "";
        return String.fromCodePoint(num);
      }
      var ents = data.html.entities;
      if (Object.prototype.hasOwnProperty.call(ents, ref)) return ents[ref];
      for (var x = ref.length - 1; x > 1; x--) {
        if (Object.prototype.hasOwnProperty.call(ents, ref.slice(0, x))) return ents[ref.slice(0, x)] + ref.slice(x);
      }
      return all;
    });
  }

  // urllib.parse.urlsplit, as far as the checker uses it (scheme, netloc, hostname, ValueError).
  function urlsplit(url) {
    url = url.replace(/^[\x00-\x20]+/, "").replace(/[\t\r\n]/g, "");
    var scheme = "", netloc = "", i = url.indexOf(":");
    if (i > 0 && /^[A-Za-z]/.test(url) && /^[A-Za-z0-9+.-]+$/.test(url.slice(0, i))) {
      scheme = url.slice(0, i).toLowerCase();
      url = url.slice(i + 1);
    }
    if (url.slice(0, 2) === "//") {
      var delim = url.length;
      "/?#".split("").forEach(function (c) { var w = url.indexOf(c, 2); if (w >= 0) delim = Math.min(delim, w); });
      netloc = url.slice(2, delim);
      if ((netloc.indexOf("[") >= 0) !== (netloc.indexOf("]") >= 0)) throw new Error("Invalid IPv6 URL");
    }
    if (!isAscii(netloc)) {
      var n = netloc.replace(/[@:#?]/g, ""), norm = n.normalize("NFKC");
      if (n !== norm && /[\/?#@:]/.test(norm)) throw new Error("invalid characters under NFKC");
    }
    var host = netloc.slice(netloc.lastIndexOf("@") + 1);
    host = host.indexOf("[") >= 0 ? host.split("[")[1].split("]")[0] : host.split(":")[0];
    return { scheme: scheme, netloc: netloc, hostname: host.toLowerCase() };
  }

  // Punycode (RFC 3492) and Python's "idna" codec (IDNA 2003) for a server name.
  function punycode(input) {
    var cps = Array.from(input).map(function (c) { return c.codePointAt(0); });
    var n = 128, delta = 0, bias = 72, out = cps.filter(function (c) { return c < 128; }).map(function (c) { return String.fromCharCode(c); }).join("");
    var b = out.length, h = b;
    if (b) out += "-";
    function digit(d) { return String.fromCharCode(d + 22 + 75 * (d < 26)); }
    function adapt(d, num, first) {
      var k = 0; d = first ? Math.floor(d / 700) : d >> 1; d += Math.floor(d / num);
      for (; d > 455; k += 36) d = Math.floor(d / 35);
      return Math.floor(k + 36 * d / (d + 38));
    }
    while (h < cps.length) {
      var m = Math.min.apply(null, cps.filter(function (c) { return c >= n; }));
      delta += (m - n) * (h + 1); n = m;
      cps.forEach(function (c) {
        if (c < n) delta++;
        if (c === n) {
          var q = delta;
          for (var k = 36; ; k += 36) {
            var t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
            if (q < t) break;
            out += digit(t + (q - t) % (36 - t)); q = Math.floor((q - t) / (36 - t));
          }
          out += digit(q); bias = adapt(delta, h + 1, h === b); delta = 0; h++;
        }
      });
      delta++; n++;
    }
    return out;
  }
  function idna(host) {
    var labels = host.split(/[.\u3002\uff0e\uff61]/), out = [];
    if (labels.length && labels[labels.length - 1] === "") { labels.pop(); var trailing = true; }
    for (var i = 0; i < labels.length; i++) {
      var label = labels[i];
      if (!isAscii(label)) {
        label = label.normalize("NFKC").toLowerCase().normalize("NFKC");
        if (!isAscii(label)) label = "xn--" + punycode(label);
      }
      if (!label.length || label.length > 63) throw new Error("label");
      out.push(label);
    }
    return out.join(".") + (trailing ? "." : "");
  }
  function backslashReplace(s) {
    return Array.from(s).map(function (ch) {
      var c = ch.codePointAt(0);
      if (c < 128) return ch;
      var hex = c.toString(16);
      return c < 0x100 ? "\\x" + ("0" + hex).slice(-2) : c < 0x10000 ? "\\u" + ("000" + hex).slice(-4) : "\\U" + ("0000000" + hex).slice(-8);
    }).join("");
  }

  // ---------------------------------------------------------------------------------------------------------
  // safety.py: schemes, server names, protocol-relative addresses.

  var ESCAPED = /\\([!-/:-@[-`{-~])/g;
  function urlScheme(url, data) {
    var cleaned = aboveSpace(unescapeHtml(url.replace(ESCAPED, "$1"), data).replace(ESCAPED, "$1"));
    var m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
    return m ? m[1].toLowerCase() : null;
  }
  function hostProblem(url) {
    var host;
    try { host = urlsplit(aboveSpace(url)).hostname || ""; } catch (e) { return "is geen geldig webadres"; }
    if (isAscii(host)) return null;
    var name;
    try { name = idna(host); } catch (e) { name = backslashReplace(host); }
    return "heeft tekens van buiten het Latijnse alfabet in de servernaam (eigenlijk '" + name + "'); " +
      "zulke namen kunnen op een bekende naam lijken";
  }
  function isProtocolRelative(url, data) {
    var c = aboveSpace(unescapeHtml(url, data));
    return c.slice(0, 2) === "//" || c.slice(0, 2) === "\\\\" || c.slice(0, 2) === "/\\" || c.slice(0, 2) === "\\/";
  }

  // ---------------------------------------------------------------------------------------------------------
  // newcase.py: from the form's answers to the file text, exactly as `goedvoorbeeld new` writes it.

  var PLAIN = /^[a-z]+(?:-[a-z]+)*$/;
  var YAML_WORDS = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
  function yamlScalar(value) {
    if (typeof value === "number") return String(value);
    if (value && value.isDate) return value.iso;
    var s = String(value);
    if (PLAIN.test(s) && YAML_WORDS.indexOf(s) < 0) return s;
    return JSON.stringify(s).replace(/[\x7f-\x9f\u2028\u2029\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }
  function isoDate(text) {
    var m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3];
    var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]) return null;
    return { isDate: true, iso: text, key: y * 10000 + mo * 100 + d };
  }
  function todayIso(now) {
    var d = now || new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  /* The answers of the form (all text, as typed) to front matter values, as `goedvoorbeeld new` and
   * `from-issue` convert answers: text collapsed, a year of digits a number, a real date a date. */
  function valuesOf(draft, data) {
    var v = {};
    data.fields.forEach(function (f) {
      var raw = draft[f.name];
      if (f.kind === "tags") {
        if (raw && raw.length) v.tags = raw.slice();
      } else if (f.kind === "links") {
        var rows = (raw || []).filter(function (r) { return !isBlank(r.title || "") || !isBlank(r.url || ""); });
        if (rows.length) v.links = rows.map(function (r) { return [collapse(r.title || ""), strip(r.url || "")]; });
      } else if (typeof raw === "string" && !isBlank(raw)) {
        if (f.kind === "text") v[f.name] = collapse(raw);
        else if (f.kind === "year") v[f.name] = /^[0-9]{1,6}$/.test(strip(raw)) ? parseInt(strip(raw), 10) : strip(raw);
        else if (f.kind === "date") v[f.name] = isoDate(strip(raw)) || strip(raw);
        else if (f.kind === "contact") v[f.name] = strip(raw);
        else v[f.name] = raw;
      }
    });
    return v;
  }

  function frontMatterLines(values, data) {
    var lines = [];
    data.fields.forEach(function (f) {
      var value = values[f.name];
      if (value === undefined || value === "") return;
      if (f.kind === "tags") {
        lines.push(f.name + ": [" + value.map(function (t) { return yamlScalar(t); }).join(", ") + "]");
      } else if (f.kind === "links") {
        lines.push(f.name + ":");
        value.forEach(function (pair) {
          lines.push("  - title: " + yamlScalar(pair[0]));
          lines.push("    url: " + yamlScalar(pair[1]));
        });
      } else {
        lines.push(f.name + ": " + yamlScalar(value));
      }
    });
    return lines;
  }

  /* The file: front matter, then every section with text in the schema's order (newcase.render). Also says
   * which form field each line of the file came from, to show a problem next to its field. */
  function renderFile(draft, data) {
    var values = valuesOf(draft, data), fm = frontMatterLines(values, data);
    var parts = ["---"].concat(fm, ["---", ""]);
    // A line of a link (its title or its address) belongs to that link: "link-n" for the n-th link of the file.
    var owner = [null], key = null, link = -1;
    fm.forEach(function (line) {
      if (line.charAt(0) !== " ") key = line.split(":")[0];
      else if (key === "links" && line.slice(0, 4) === "  - ") link++;
      owner.push(line.charAt(0) !== " " || key !== "links" ? key : "link-" + link);
    });
    owner.push(null, null);
    data.sections.forEach(function (s) {
      var text = stripChars((draft.sections || {})[s.key] || "", "\n");
      if (!isBlank(text)) {
        var body = rstrip(text);
        parts.push("## " + s.title, "", body, "");
        var n = body.split("\n").length + 3;
        for (var i = 0; i < n; i++) owner.push("section-" + s.key);
      }
    });
    return { text: parts.join("\n"), values: values, owner: owner };
  }

  // python-slugify's legacy pipeline with the options of newcase.slug_for; transliteration from data.translit.
  function slugFor(title, data) {
    var text = (title || "").split("&").join(" en ").replace(/'+/g, "-").normalize("NFKD");
    text = Array.from(text).map(function (ch) {
      if (ch.charCodeAt(0) < 128) return ch;
      var t = data.slug.translit[ch];
      return t === undefined ? "" : t;
    }).join("").normalize("NFKD").toLowerCase().replace(/'+/g, "").replace(/(?<=[0-9]),(?=[0-9])/g, "");
    text = text.replace(/[^-a-zA-Z0-9]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
    var max = data.slug.max;
    if (text.length >= max) {
      if (text.indexOf("-") < 0) {
        text = text.slice(0, max);
      } else {
        var out = "";
        var words = text.split("-");
        for (var i = 0; i < words.length; i++) {
          if (!words[i]) continue;
          var next = out.length + words[i].length;
          if (next < max) out += words[i] + "-";
          else if (next === max) { out += words[i]; break; }
        }
        text = (out || text.slice(0, max)).replace(/^-+|-+$/g, "");
      }
    }
    var ok = text && new RegExp(data.slug.pattern).test(text) && text.length >= data.slug.min &&
      text.length <= max && data.slug.reserved.indexOf(text) < 0;
    return ok ? text : data.slug.fallback;
  }

  // ---------------------------------------------------------------------------------------------------------
  // cases.py: the front matter.

  function fieldOf(data, name) { return data.fields.filter(function (f) { return f.name === name; })[0]; }
  var TAG_RE = re("<\\/?[A-Za-z][A-Za-z0-9]*(?=[\\s/>])");
  var EMAIL = re("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[A-Za-z]{2,}$");
  var PLAIN_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#][!-~]*)?$/;

  function urlProblem(url) {
    if (PLAIN_URL.test(url)) return null;
    var cleaned = aboveSpace(url), parts;
    try { parts = cleaned ? urlsplit(cleaned) : null; } catch (e) { return "'" + url + "' is geen geldig webadres"; }
    if (!parts || (parts.scheme !== "http" && parts.scheme !== "https")) return "'" + url + "' is niet toegestaan; alleen http:// of https://";
    if (!parts.netloc) return "'" + url + "' is geen volledig webadres";
    var why = isAscii(cleaned) ? null : hostProblem(url);
    return why ? "'" + url + "' " + why : null;
  }

  function checkFrontMatter(values, data, today, add) {
    var firstLast = [data.first_year, parseInt(today.slice(0, 4), 10) + 1];
    data.fields.forEach(function (f) {
      var value = values[f.name];
      if (value === undefined) {
        if (f.required) add(f.name, "GV101", "verplichte sleutel '" + f.name + "' ontbreekt: " + f.help);
        return;
      }
      if (f.kind === "text") {
        var text = collapse(value), n = cpLen(text);
        if (n < f.min_len || n > f.max_len) add(f.name, "GV108", f.name + ": " + amount(n, "teken", "tekens") + "; dat moet " + f.min_len + " tot " + f.max_len + " zijn");
        else if (text.indexOf("<") >= 0 && TAG_RE.test(text)) add(f.name, "GV115", f.name + ": gebruik hier platte tekst, zonder HTML");
      } else if (f.kind === "choice") {
        var keys = f.choices.map(function (c) { return c.value; });
        if (keys.indexOf(value) < 0) {
          var guess = closest(value, keys);
          add(f.name, "GV109", f.name + ": '" + value + "' is niet toegestaan; " + (guess ? "bedoelde je '" + guess + "'? " : "") + "kies uit: " + keys.join(", "));
        }
      } else if (f.kind === "year") {
        if (typeof value !== "number") add(f.name, "GV103", f.name + ": verwacht een jaartal zoals " + today.slice(0, 4) + ", maar dit is tekst");
        else if (value < firstLast[0] || value > firstLast[1]) add(f.name, "GV110", f.name + ": " + value + " ligt niet tussen " + firstLast[0] + " en " + firstLast[1]);
      } else if (f.kind === "date") {
        if (!value.isDate) add(f.name, "GV111", f.name + ": '" + value + "' is geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld " + today);
        else if (value.key > isoDate(today).key) add(f.name, "GV112", f.name + ": " + value.iso + " ligt in de toekomst");
      } else if (f.kind === "tags") {
        checkTags(value, data, add);
      } else if (f.kind === "links") {
        value.forEach(function (pair, i) {
          var why = urlProblem(pair[1]);
          if (why) add("link-" + i, "GV113", "links[" + (i + 1) + "].url: " + why);
        });
      } else if (f.kind === "contact") {
        var c = strip(value);
        if (EMAIL.test(c)) return;
        if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(c) && !/^https?:/i.test(c)) {
          add(f.name, "GV113", "contact: '" + c + "' is niet toegestaan; alleen een e-mailadres of http(s)://");
        } else if (!(/^https?:\/\//i.test(c) && !urlProblem(c))) {
          add(f.name, "GV114", "contact: '" + c + "' is geen e-mailadres of webadres");
        }
      }
    });
  }

  function checkTags(value, data, add) {
    var known = {}, byLabel = {};
    data.tag_groups.forEach(function (g) { g.tags.forEach(function (t) { known[t.slug] = t; byLabel[t.label.toLowerCase()] = t.slug; }); });
    var seen = [];
    value.forEach(function (tag) {
      if (isBlank(tag)) { add("tags", "GV107", "tags: lege tag"); return; }
      if (!Object.prototype.hasOwnProperty.call(known, tag)) {
        var guess = byLabel[tag.toLowerCase()] || closest(tag, Object.keys(known));
        add("tags", "GV104", "tags: onbekende tag '" + tag + "'" + (guess ? "; bedoelde je '" + guess + "'?" : "; zie cases/tags.yml"));
        return;
      }
      if (seen.indexOf(tag) >= 0) { add("tags", "GV105", "tags: '" + tag + "' staat er twee keer in"); return; }
      seen.push(tag);
    });
    if (value.length > data.max_tags) add("tags", "GV106", "tags: " + amount(value.length, "tag", "tags") + "; het maximum is " + data.max_tags);
  }

  // ---------------------------------------------------------------------------------------------------------
  // cases.py and safety.py: the body.

  var BAD_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff]/g;
  var DIRECTION = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";

  function controlCharacters(text, data, addAt) {
    var found = 0, m;
    BAD_CHARS.lastIndex = 0;
    while ((m = BAD_CHARS.exec(text)) && found < 20) {
      var ch = m[0], code = "U+" + ("000" + ch.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
      var name = ch === "\x00" ? "NUL" : data.char_names[code] || "";
      var why = DIRECTION.indexOf(ch) >= 0 ? "het keert de leesrichting om, zodat de tekst iets anders lijkt te zeggen dan er staat"
        : ch === "\u2028" || ch === "\u2029" ? "het is een onzichtbaar regeleinde; gebruik een gewone nieuwe regel"
          : "het is een onzichtbaar stuurteken";
      addAt(m.index, "GV016", "teken " + code + (name ? " (" + name + ")" : "") + " is niet toegestaan: " + why);
      found++;
    }
  }

  var FENCE_BODY = re("^\\s{0,3}(`{3,}|~{3,})");
  var H1 = re("^\\s{0,3}#\\s");

  function checkSections(body, bodyAt, data, addAt) {
    var order = data.sections.map(function (s) { return s.key; });
    var byTitle = {};
    data.sections.forEach(function (s) { byTitle[s.title.toLowerCase()] = s; });
    var allowed = data.sections.map(function (s) { return s.title; }).join(", ");
    var current = null, seen = [], fence = null, start = 0, uncertain = false;
    function close(end) {
      if (!current) return;
      var text = stripChars(body.slice(current.start, end), "\n");
      if (!text || isBlank(text)) addAt(current.at, "GV204", "sectie '## " + current.title + "' is leeg");
      else if (current.rule.max_len) plainSection(current.rule, body.slice(current.start, end), current.at);
    }
    // question.py: a section with a length is one paragraph of plain text (GV210, GV211).
    function plainSection(rule, markdown, at) {
      if (isBlank(markdown) || markdown.indexOf(data.hint_prefix) >= 0) return;
      var name = rule.title.toLowerCase(), n = cpLen(collapse(markdown));
      if (n < rule.min_len || n > rule.max_len) addAt(at, "GV210", name + ": " + amount(n, "teken", "tekens") + "; dat moet " + rule.min_len + " tot " + rule.max_len + " zijn");
      var markup = plainMarkup(markdown);
      if (markup) {
        if (markup.uncertain) uncertain = true;
        if (markup.what) addAt(at, "GV211", name + ": " + markup.what + "; schrijf één alinea platte tekst, zonder opmaak, HTML of links");
      }
    }
    var lines = body.split("\n");
    for (var li = 0; li < lines.length; li++) {
      var raw = lines[li], lineStart = start, end = start + raw.length;
      start = end + 1;
      var m = raw.indexOf("`") >= 0 || raw.indexOf("~") >= 0 ? FENCE_BODY.exec(raw) : null;
      if (fence) {
        if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
        continue;
      }
      if (m) { fence = m[1]; continue; }
      var heading = null, st = strip(raw);
      if (st.slice(0, 3) === "## " || st === "##") {
        var title = strip(stripChars(strip(st.slice(2)), "#"));
        heading = { title: title, rule: byTitle[title.toLowerCase()] || null };
      }
      if (heading) {
        var rule = heading.rule;
        if (!rule || seen.indexOf(rule.key) >= 0) {
          addAt(bodyAt + lineStart, "GV203", (rule ? "dubbele" : "onbekende") + " sectie '## " + heading.title + "'; toegestaan: " + allowed + " (elk één keer)");
          continue;
        }
        if (seen.length && order.indexOf(rule.key) < order.indexOf(seen[seen.length - 1])) {
          var before = data.sections[order.indexOf(seen[seen.length - 1])].title;
          addAt(bodyAt + lineStart, "GV202", "sectie '## " + rule.title + "' moet voor '## " + before + "' staan (volgorde: " + data.section_order_text + ")");
        }
        close(lineStart);
        seen.push(rule.key);
        current = { key: rule.key, title: rule.title, rule: rule, at: bodyAt + lineStart, start: end + 1 };
        continue;
      }
      if (H1.test(raw)) addAt(bodyAt + lineStart, "GV209", "kop '" + cpSlice(strip(raw), 40) + "' in de tekst; de titel komt uit 'title'");
      if (raw.indexOf(data.hint_prefix) >= 0) {
        addAt(bodyAt + lineStart, "GV208", "de hulptekst" + (current ? " onder '## " + current.title + "'" : "") + " is nog niet vervangen");
      }
    }
    close(body.length);
    data.sections.forEach(function (s) {
      if (s.required && seen.indexOf(s.key) < 0) addAt(bodyAt, "GV201", "sectie '## " + s.title + "' ontbreekt", "section-" + s.key);
    });
    return uncertain;
  }

  /* Markup in a plain-text section. A second paragraph is certain; any other markup the checker leaves to
   * Python-Markdown, which the browser does not have: where the text holds a character that can start markup
   * (question.py's own list), the likeliest element is named and the result marked uncertain. */
  var INLINE_MARKUP = /[<>\[\]!*_`~{}|&\\]|https?:\/\//;
  var BLOCK_START = re("^(?:\\s{4,}|\\s{0,3}(?:#|[-*+]\\s|\\p{Nd}{1,9}[.)]\\s|>|={2,}\\s*$|-{2,}\\s*$))");
  function plainMarkup(markdown) {
    var lines = markdown.split("\n").map(rstrip), first = 0;
    while (first < lines.length && isBlank(lines[first])) first++;
    for (var i = first; i < lines.length; i++) {
      if (isBlank(lines[i]) && lines.slice(i).some(function (l) { return !isBlank(l); })) return { what: "een tweede alinea" };
    }
    var rest = lines.slice(first);
    if (!rest.some(function (l) { return BLOCK_START.test(l) || INLINE_MARKUP.test(l); })) return null;
    var block = rest[0].match(/^ {0,3}(#|[-*+] |\d{1,9}[.)] |>)/) || (/^ {4}/.test(rest[0]) ? ["", "    "] : null);
    if (block) {
      var b = block[1];
      return { uncertain: true, what: b === "#" ? "een kop" : b === ">" ? "een citaat" : b === "    " ? "code" : "een lijst" };
    }
    var text = rest.join("\n"), best = null;
    [[/!\[[^\]]*\]\(/, "een afbeelding"], [/\[[^\]]+\]\([^)]*\)/, "een link"], [/<https?:\/\/[^>]*>/, "een link"],
      [/\*\*[^*\s][^*]*\*\*|__[^_\s][^_]*__/, "vette tekst"], [/\*[^*\s][^*]*\*|(?<![\w])_[^_\s][^_]*_(?![\w])/, "schuine tekst"],
      [/`[^`]+`/, "code"], [/<br\s*\/?>/i, "een harde regelovergang"], [/<([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?\/?>/, null]].forEach(function (p) {
      var m = p[0].exec(text);
      if (m && (!best || m.index < best.index)) best = { index: m.index, what: p[1] || "HTML (<" + m[1].toLowerCase() + ">)" };
    });
    return { uncertain: true, what: best ? best.what : null };
  }

  // --- complexity (GV017) ---
  var CONTAINER = /(?:[ \t]*(?:>|[*+-](?=[ \t])|\p{Nd}{1,9}[.)](?=[ \t])))/uy;
  function expandTabs(line) {
    var out = "", col = 0;
    for (var i = 0; i < line.length; i++) {
      if (line[i] === "\t") { var n = 4 - (col % 4); out += " ".repeat(n); col += n; } else { out += line[i]; col++; }
    }
    return out;
  }
  function complexity(body, L, addAt) {
    var exceeded = false, offset = 0, reported = 0, lines = body.split("\n");
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (reported >= 5) break;
      var n = line.length > L.line ? cpLen(line) : line.length;
      if (n > L.line) {
        addAt(offset, "GV017", "regel van " + n + " tekens; het maximum is " + L.line + ": begin een nieuwe alinea met een lege regel");
        exceeded = true; reported++;
      } else if (line && " \t>*+-0123456789".indexOf(line[0]) >= 0 && !isBlank(line)) {
        var expanded = expandTabs(line), indent = expanded.length - expanded.replace(/^ +/, "").length;
        var depth = 0, pos = 0;
        while (depth <= L.nesting) {
          CONTAINER.lastIndex = pos;
          var m = CONTAINER.exec(line);
          if (!m || CONTAINER.lastIndex === pos) break;
          depth++; pos = CONTAINER.lastIndex;
        }
        if (depth > L.nesting || indent > L.indent) {
          addAt(offset, "GV017", "lijsten of citaten zijn te diep genest of te ver ingesprongen (hoogstens " + L.nesting + " niveaus en " + L.indent + " spaties)");
          exceeded = true; reported++;
        }
      }
      offset += line.length + 1;
    }
    var run = 0, runStart = 0;
    offset = 0;
    lines.forEach(function (line) {
      if (!isBlank(line)) {
        if (run === 0) runStart = offset;
        run++;
        if (run === L.block_lines + 1) {
          addAt(runStart, "GV017", "meer dan " + L.block_lines + " regels zonder lege regel ertussen: zet lege regels tussen alinea's, lijsten en tabellen");
          exceeded = true;
        }
      } else {
        run = 0;
      }
      offset += line.length + 1;
    });
    var abbreviations = (body.match(/^[ ]{0,3}\*\[/gm) || []).length;
    if (abbreviations > L.abbreviations) {
      addAt(0, "GV017", abbreviations + " afkortingen (*[AFK]: ...); het maximum is " + L.abbreviations);
      exceeded = true;
    }
    var scan = bracketScan(body, L.bracket_scan);
    if (scan[0] > L.bracket_scan) {
      addAt(Math.max(scan[1], 0), "GV017", "te veel haken '[' of '(' zonder sluithaak: haal losse haken weg of zet ze tussen backticks");
      exceeded = true;
    }
    return exceeded;
  }
  function bracketScan(body, limit) {
    var total = 0, first = -1, offset = 0, blocks = body.split(/(\n[ \t]*\n)/);
    for (var b = 0; b < blocks.length; b++) {
      var block = blocks[b];
      if (!isBlank(block)) {
        var chars = Array.from(block);
        [["[", "]"], ["(", ")"]].forEach(function (pair) {
          if (block.indexOf(pair[0]) < 0) return;
          var stack = [];
          for (var i = 0; i < chars.length; i++) {
            if (chars[i] === pair[0]) stack.push(i);
            else if (chars[i] === pair[1] && stack.length) total += i - stack.pop();
          }
          stack.forEach(function (i) { total += chars.length - i; });
          if (stack.length && first < 0) first = offset + stack[0];
        });
      }
      offset += block.length;
      if (total > limit) break;
    }
    return [total, first];
  }

  // --- inline code hides markup ---
  var FENCE = /^[ ]{0,3}(`{3,}|~{3,})/;
  var MARKUP = re("[^\\p{L}\\p{N}_\\s]");
  var CODE_SPAN = /(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)/gsu;
  function maskCode(body) {
    if (body.indexOf("`") < 0 && body.indexOf("~") < 0) return [body, false];
    var hidden = false, fence = null;
    var lines = body.indexOf("```") >= 0 || body.indexOf("~~~") >= 0 ? body.split("\n") : [];
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i], m = FENCE.exec(line);
      if (fence === null && m) fence = m[1];
      else if (fence !== null) {
        if (m && m[1][0] === fence[0] && m[1].length >= fence.length && isBlank(line.slice(m[0].length))) fence = null;
      } else continue;
      if (MARKUP.test(line)) hidden = true;
      lines[i] = " ".repeat(cpLen(line));
    }
    if (fence !== null) hidden = true;
    var text = lines.length ? lines.join("\n") : body;
    if (text.indexOf("`") < 0) return [text, hidden];
    text = text.replace(CODE_SPAN, function (all, ticks, inner) {
      if (MARKUP.test(inner)) hidden = true;
      return Array.from(all).map(function (ch) { return ch === "\n" ? "\n" : " "; }).join("");
    });
    return [text, hidden];
  }

  // --- raw HTML ---
  var ATTR = "\\s+[^\\s\"'>/=]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s\"'=<>`]+))?";
  var FULL_TAG = re("<([A-Za-z][A-Za-z0-9-]*)((?:" + ATTR + ")*)\\s*/?>", "uy");
  var TAG_START = re("<(/?)([A-Za-z][^\\s/>@<]*)(?=[\\s/>]|$)", "gu");
  var AUTOLINK = re("<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^>\\s]*)>", "gu");
  var MARKDOWN_AUTOLINK = /<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?:\/\/[^<>]*>/y;
  var SPECIAL = /<(!--|!\[CDATA\[|!|\?)/g;
  var ATTR_LIST = re("\\{[^}\\n]*[^}\\s][^}\\n]*\\}", "gu");
  // html.parser's tolerant start tag (Python 3.11)
  var LOCATE_END = re("<[a-zA-Z][^\\t\\n\\r\\f />\\x00]*(?:[\\s/]*(?:(?<=['\"\\s/])[^\\s/>][^\\s/=>]*(?:\\s*=+\\s*(?:'[^']*'|\"[^\"]*\"|(?!['\"])[^>\\s]*)\\s*)?(?:\\s|/(?!>))*)*)?\\s*", "uy");
  var TAGFIND = re("([a-zA-Z][^\\t\\n\\r\\f />\\x00]*)(?:\\s|/(?!>))*", "uy");
  var ATTRFIND = re("((?<=['\"\\s/])[^\\s/>][^\\s/=>]*)(\\s*=+\\s*('[^']*'|\"[^\"]*\"|(?!['\"])[^>\\s]*))?(?:\\s|/(?!>))*", "uy");

  function isAutolink(text, at, data) {
    MARKDOWN_AUTOLINK.lastIndex = at;
    if (MARKDOWN_AUTOLINK.test(text)) return true;
    var sticky = re("<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^>\\s]*)>", "uy");
    sticky.lastIndex = at;
    var m = sticky.exec(text);
    return !!m && data.link_schemes.indexOf(urlScheme(m[1], data)) < 0;
  }

  /* The attribute names of the first start tag in `chunk`, as html.parser reads them; null when the tag is
   * never closed (then it is plain text). */
  function browserAttributes(chunk) {
    var i = 0;
    while (i < chunk.length) {
      if (!/[a-zA-Z]/.test(chunk[i + 1] || "")) { i = chunk.indexOf("<", i + 1); if (i < 0) return null; continue; }
      LOCATE_END.lastIndex = i;
      var m = LOCATE_END.exec(chunk);
      var j = LOCATE_END.lastIndex, endpos, next = chunk[j] || "";
      if (next === ">") endpos = j + 1;
      else if (next === "/") { if (chunk.slice(j, j + 2) === "/>") endpos = j + 2; else return null; }
      else if (next === "") return null;
      else if ("abcdefghijklmnopqrstuvwxyz=/ABCDEFGHIJKLMNOPQRSTUVWXYZ".indexOf(next) >= 0) return null;
      else endpos = j > i ? j : i + 1;
      if (!m) return null;
      TAGFIND.lastIndex = i + 1;
      TAGFIND.exec(chunk);
      var k = TAGFIND.lastIndex, attrs = [];
      while (k < endpos) {
        ATTRFIND.lastIndex = k;
        var a = ATTRFIND.exec(chunk);
        if (!a) break;
        attrs.push(a[1].toLowerCase());
        k = ATTRFIND.lastIndex;
      }
      var end = strip(chunk.slice(k, endpos));
      if (end === ">" || end === "/>") return attrs;
      i = chunk.indexOf("<", endpos);
      if (i < 0) return null;
    }
    return null;
  }

  function checkHtmlTags(text, data, L, addAt) {
    var m, what = { "!--": "HTML-commentaar (<!-- -->)", "![CDATA[": "CDATA", "?": "een verwerkingsinstructie (<?)" };
    SPECIAL.lastIndex = 0;
    while ((m = SPECIAL.exec(text))) addAt(m.index, "GV205", (what[m[1]] || "een HTML-declaratie (<!)") + " is niet toegestaan");
    var angles = 0, inside = 0, starts = 0;
    TAG_START.lastIndex = 0;
    while ((m = TAG_START.exec(text))) {
      starts++;
      if (m.index < inside || (!m[1] && isAutolink(text, m.index, data))) continue;
      var name = m[2].toLowerCase();
      var allowed = Object.prototype.hasOwnProperty.call(data.allowed_html, name) ? data.allowed_html[name] : null;
      var full = null;
      if (!m[1]) { FULL_TAG.lastIndex = m.index; full = FULL_TAG.exec(text); }
      if (full && !/\n[ \t]*\n/.test(full[0])) inside = FULL_TAG.lastIndex;  // a blank line ends the tag's paragraph
      if (allowed === null) {
        if (!m[1]) addAt(m.index, "GV205", "HTML-element <" + name + "> is niet toegestaan; gebruik Markdown (alleen <abbr>, <sub>, <sup> en <br> mogen)");
        continue;
      }
      if (m[1]) continue;
      var stop = text.indexOf("\n\n", m.index);
      var paragraph = text.slice(m.index, stop !== -1 ? stop : text.length), read = cpSlice(paragraph, 4000);
      var attributes = browserAttributes(read);
      // a tag longer than what was read, which a browser may still end and obey
      if (attributes === null && paragraph.indexOf(">", read.length) >= 0) attributes = ["(onleesbare HTML)"];
      if (attributes === null) { angles++; continue; }
      var bad = attributes.filter(function (a) { return allowed.indexOf(a.toLowerCase()) < 0; });
      if (bad.length) addAt(m.index, "GV205", "HTML-attribuut '" + bad[0] + "' op <" + name + "> is niet toegestaan");
    }
    angles += count(text, "<") - starts;
    if (angles > L.angles) addAt(0, "GV017", "de tekst bevat " + angles + " keer '<' zonder dat er een toegestaan HTML-element begint; het maximum is " + L.angles);
  }

  // --- links and images ---
  var REF_DEF = re("^[ ]{0,3}\\[((?:[^\\]\\\\]|\\\\.)+)\\]:[ \\t]*\\n?[ \\t]*(<[^>\\n]*>|\\S+)", "gmu");
  var IMAGE_REF = /!\[((?:[^\]\\]|\\.)*)\](?:[ ]?\[((?:[^\]\\]|\\.)*)\])?/gu;
  function destination(text, i) {
    var n = text.length;
    while (i < n && " \t\n".indexOf(text[i]) >= 0) i++;
    if (i < n && text[i] === "<") {
      var end = text.indexOf(">", i + 1), nl = text.indexOf("\n", i + 1);
      if (end === -1 || (nl !== -1 && nl < end)) return [null, i];
      return [text.slice(i + 1, end), i + 1];
    }
    var start = i, depth = 0;
    while (i < n && i - start < 2000) {
      var ch = text[i];
      if (ch === "\\" && i + 1 < n) { i += 2; continue; }
      if (ch === "\n" && text[i + 1] === "\n") break;
      if ((ch === '"' || ch === "'") && i > start && " \t\n".indexOf(text[i - 1]) >= 0) break;
      if (ch === "(") depth++;
      else if (ch === ")") { if (depth === 0) break; depth--; }
      i++;
    }
    return [text.slice(start, i).replace(new RegExp("[" + WS + "]+$", "u"), ""), start];
  }
  function openedByImage(text, close) {
    var depth = 0, stop = Math.max(0, close - 2000);
    for (var i = close - 1; i >= stop; i--) {
      var ch = text[i];
      if (ch === "]" && (i === 0 || text[i - 1] !== "\\")) depth++;
      else if (ch === "[" && (i === 0 || text[i - 1] !== "\\")) {
        if (depth === 0) return i > 0 && text[i - 1] === "!";
        depth--;
      }
    }
    return false;
  }
  function targets(text) {
    var found = [], m;
    if (text.indexOf("]") >= 0) {
      var linkRe = /\]\(/g;
      while ((m = linkRe.exec(text))) {
        var d = destination(text, m.index + 2);
        if (d[0] !== null) found.push({ url: d[0], offset: d[1], image: openedByImage(text, m.index) });
      }
      var defs = [];
      REF_DEF.lastIndex = 0;
      while ((m = REF_DEF.exec(text))) defs.push({ label: m[1], url: m[2], start: m.index + m[0].length - m[2].length });
      var imageLabels = {};
      if (defs.length) {
        IMAGE_REF.lastIndex = 0;
        while ((m = IMAGE_REF.exec(text))) imageLabels[collapse((m[2] ? m[2] : m[1]).toLowerCase())] = true;
      }
      defs.forEach(function (def) {
        var url = def.url, start = def.start;
        if (url[0] === "<") { url = url.slice(1, -1); start++; }
        found.push({ url: url, offset: start, image: !!imageLabels[collapse(def.label.toLowerCase())] });
      });
    }
    if (text.indexOf("<") >= 0) {
      AUTOLINK.lastIndex = 0;
      while ((m = AUTOLINK.exec(text))) found.push({ url: m[1], offset: m.index + 1, image: false });
      var markdownAutolink = /<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?:\/\/[^<>]*>/g;  // may hold white space, not a blank line
      while ((m = markdownAutolink.exec(text))) {
        if (!/\n[ \t]*\n/.test(m[0])) found.push({ url: m[0].slice(1, -1), offset: m.index + 1, image: false });
      }
    }
    var unique = {};
    found.forEach(function (t) { if (!(t.offset in unique)) unique[t.offset] = t; });
    return Object.keys(unique).map(Number).sort(function (a, b) { return a - b; }).map(function (k) { return unique[k]; });
  }
  function checkTarget(t, data, addAt, at) {
    var url = t.url, shown = cpSlice(url, 60), scheme = urlScheme(url, data);
    if (!t.image) {
      if (scheme !== null && data.link_schemes.indexOf(scheme) < 0) return addAt(at, "GV206", "link '" + shown + "' is niet toegestaan; alleen http://, https:// en mailto:");
      if (isProtocolRelative(url, data)) return addAt(at, "GV206", "link '" + shown + "' heeft geen http:// of https://; schrijf het volledige adres");
      var why = scheme === "http" || scheme === "https" ? hostProblem(url) : null;
      if (why) addAt(at, "GV206", "link '" + shown + "' " + why);
      return;
    }
    if (scheme !== null || isProtocolRelative(url, data)) {
      return addAt(at, "GV207", "afbeelding '" + shown + "' staat op een andere website; zet de afbeelding in cases/ (de site laadt niets van andere websites)");
    }
    var rel = unescapeHtml(url, data).split("#")[0].split("?")[0].toLowerCase();
    if (!data.image_suffixes.some(function (s) { return rel.slice(-s.length) === s; })) {
      return addAt(at, "GV207", "afbeelding '" + shown + "': alleen png, jpg, gif of webp");
    }
    // The form sends no images: a picture in the text would point at a file that is not in cases/.
    addAt(at, "GV207", "afbeelding '" + shown + "' ligt buiten cases/ of bestaat niet");
  }

  function checkMarkup(body, bodyAt, data, addAt) {
    var L = data.limits, found = [];
    function add(offset, code, message) { found.push(code); addAt(bodyAt + offset, code, message); }
    if (complexity(body, L, add)) return false;
    var masked = maskCode(body), text = masked[0];
    if (text.indexOf("<") >= 0) checkHtmlTags(text, data, L, add);
    if (text.indexOf("{") >= 0) {
      var m;
      ATTR_LIST.lastIndex = 0;
      while ((m = ATTR_LIST.exec(text))) add(m.index, "GV205", "'" + cpSlice(m[0], 40) + "' is niet toegestaan: tekst tussen accolades wordt een HTML-attribuut; haal de accolades weg of zet de tekst tussen backticks");
    }
    targets(text).forEach(function (t) { checkTarget(t, data, add, t.offset); });
    var errors = found.some(function (code) { return data.codes[code].severity === "error"; });
    // safety._NESTED_REFERENCE: a reference defined inside a quote or a list item is left to the renderer too
    var hidden = masked[1] || (text.indexOf("]:") >= 0 && NESTED_REFERENCE.test(text));
    return hidden && !errors;
  }
  var NESTED_REFERENCE = /^(?! {0,3}\[)[^\n]*?\[[^\]\n]+\]:/m;

  // ---------------------------------------------------------------------------------------------------------
  // The whole check.

  /* Every problem `goedvoorbeeld check` finds in the file this draft gives, each with the form field it
   * belongs to; `needsRendering` when the checker would also look at the rendered HTML (see the top). */
  function check(draft, data, today) {
    today = today || todayIso();
    var file = renderFile(draft, data), text = file.text, problems = [];
    var lineStarts = [0];
    for (var i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
    function lineOf(offset) { var lo = 0, hi = lineStarts.length - 1; while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1; } return lo + 1; }
    // The file skips blank link rows, so links[n] of the file is the n-th filled row of the form, not its n-th row.
    var linkRows = (draft.links || []).map(function (r, k) { return k; }).filter(function (k) {
      var r = draft.links[k]; return !isBlank(r.title || "") || !isBlank(r.url || "");
    });
    function formField(field) {
      var row = /^link-([0-9]+)$/.exec(field);
      return row ? "link-" + linkRows[+row[1]] : field;
    }
    function addField(field, code, message) {
      problems.push({ field: formField(field), code: code, message: message });
    }
    function addAt(offset, code, message, field) {
      var line = lineOf(offset), owned = field || file.owner[line - 1] || "section-" + data.sections[0].key;
      var p = { field: formField(owned), code: code, message: message, line: line };
      // On a link's line: the part of the row it is about, its title or its address.
      if (/^link-/.test(owned)) p.part = text.slice(lineStarts[line - 1]).lastIndexOf("  - title:", 0) === 0 ? "title" : "url";
      problems.push(p);
    }
    controlCharacters(text, data, addAt);
    var clean = text.replace(BAD_CHARS, " ");
    var fmEnd = clean.indexOf("\n---", 3);
    var bodyAt = fmEnd + 5, body = clean.slice(bodyAt);
    checkFrontMatter(file.values, data, today, addField);
    var uncertain = checkSections(body, bodyAt, data, addAt);
    var needsRendering = checkMarkup(body, bodyAt, data, addAt) || uncertain;
    problems.forEach(function (p) { p.severity = data.codes[p.code].severity; });
    return { problems: problems, needsRendering: needsRendering, text: text, values: file.values,
      slug: slugFor(typeof file.values.title === "string" ? file.values.title : "", data) };
  }

  // ---------------------------------------------------------------------------------------------------------
  // The form in the page: answers in, problems next to their fields, preview, file, sending, the kept draft.

  function el(doc, tag, attrs, text) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A small part of Markdown for the preview, built as DOM nodes with textContent only: paragraphs, lists,
   * quotes, code, headings, bold, italics, code and links (http, https and mailto). Anything else, raw HTML
   * included, shows as the text it is. */
  function inline(doc, parent, text, data) {
    var pattern = /(`[^`]+`)|(\*\*[^*]+\*\*|__[^_]+__)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)|<((?:https?|mailto):[^>\s]+)>/g;
    var last = 0, m;
    while ((m = pattern.exec(text))) {
      if (m.index > last) parent.appendChild(doc.createTextNode(text.slice(last, m.index)));
      if (m[1]) parent.appendChild(el(doc, "code", {}, m[1].slice(1, -1)));
      else if (m[2]) parent.appendChild(el(doc, "strong", {}, m[2].slice(2, -2)));
      else if (m[3]) parent.appendChild(el(doc, "em", {}, m[3].slice(1, -1)));
      else {
        var label = m[4] || m[6], url = m[5] || m[6], scheme = urlScheme(url, data);
        if (scheme && data.link_schemes.indexOf(scheme) >= 0 && !isProtocolRelative(url, data)) {
          var a = el(doc, "a", { href: url, rel: "noopener noreferrer" }, label);
          parent.appendChild(a);
        } else {
          parent.appendChild(doc.createTextNode(m[0]));
        }
      }
      last = pattern.lastIndex;
    }
    if (last < text.length) parent.appendChild(doc.createTextNode(text.slice(last)));
  }

  function markdownInto(doc, parent, text, data) {
    var lines = text.split("\n"), i = 0;
    while (i < lines.length) {
      var line = lines[i];
      if (isBlank(line)) { i++; continue; }
      var fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        var code = [];
        i++;
        while (i < lines.length && lines[i].indexOf(fence[1]) !== 0) code.push(lines[i++]);
        i++;
        var pre = el(doc, "pre");
        pre.appendChild(el(doc, "code", {}, code.join("\n")));
        parent.appendChild(pre);
        continue;
      }
      var block = [];
      while (i < lines.length && !isBlank(lines[i]) && !/^ {0,3}(`{3,}|~{3,})/.test(lines[i])) block.push(lines[i++]);
      var heading = /^ {0,3}(#{1,6})\s+(.*)$/.exec(block[0]);
      if (heading && block.length === 1) {
        var h = el(doc, "h" + Math.min(6, heading[1].length + 3));
        inline(doc, h, heading[2].replace(/#+\s*$/, ""), data);
        parent.appendChild(h);
      } else if (block.every(function (l) { return /^\s*([-*+]|\d{1,9}[.)])\s/.test(l); })) {
        var list = el(doc, /^\s*\d/.test(block[0]) ? "ol" : "ul");
        block.forEach(function (l) {
          var li = el(doc, "li");
          inline(doc, li, l.replace(/^\s*([-*+]|\d{1,9}[.)])\s+/, ""), data);
          list.appendChild(li);
        });
        parent.appendChild(list);
      } else if (block.every(function (l) { return /^\s*>/.test(l); })) {
        var quote = el(doc, "blockquote"), p = el(doc, "p");
        inline(doc, p, block.map(function (l) { return l.replace(/^\s*>\s?/, ""); }).join("\n"), data);
        quote.appendChild(p);
        parent.appendChild(quote);
      } else {
        var para = el(doc, "p");
        inline(doc, para, block.join("\n"), data);
        parent.appendChild(para);
      }
    }
  }

  function startForm(doc) {
    var form = doc.getElementById("gv-form"), source = doc.getElementById("gv-form-data");
    if (!form || !source) return;
    var data = JSON.parse(source.textContent), send = data.send, win = doc.defaultView;
    var byId = function (id) { return doc.getElementById(id); };
    var touched = {}, attempted = false, extraTags = [], statusTimer = null, result = null;
    var tagField = fieldOf(data, "tags");

    // --- reading and writing the answers ---
    function linkRows() {
      return Array.prototype.map.call(byId("gv-f-links").querySelectorAll(".gv-f-link"), function (row) {
        return { title: row.querySelector("[data-part=title]").value, url: row.querySelector("[data-part=url]").value };
      });
    }
    function readDraft() {
      var d = { sections: {} };
      data.fields.forEach(function (f) {
        if (f.kind === "tags") {
          d.tags = Array.prototype.filter.call(form.querySelectorAll("input[name=tags]"), function (b) { return b.checked; })
            .map(function (b) { return b.value; });
        } else if (f.kind === "links") {
          d.links = linkRows();
        } else {
          d[f.name] = byId("gv-f-" + f.name).value;
        }
      });
      data.sections.forEach(function (s) { d.sections[s.key] = byId("gv-f-section-" + s.key).value; });
      return d;
    }
    function emptyDraft() {
      var d = { tags: [], links: [{ title: "", url: "" }], sections: {} };
      data.fields.forEach(function (f) { if (f.kind !== "tags" && f.kind !== "links") d[f.name] = f.kind === "date" ? todayIso() : ""; });
      return d;
    }
    function writeDraft(d) {
      data.fields.forEach(function (f) {
        if (f.kind === "tags") {
          var chosen = (d.tags || []).slice();
          form.querySelectorAll("input[name=tags]").forEach(function (b) {
            if (b.dataset.extra) b.closest("li").remove();
          });
          var boxes = form.querySelectorAll("input[name=tags]");
          boxes.forEach(function (b) { b.checked = chosen.indexOf(b.value) >= 0; });
          extraTags = chosen.filter(function (t) { return !form.querySelector("input[name=tags][value='" + cssEscape(t) + "']"); });
          showExtraTags();
        } else if (f.kind === "links") {
          byId("gv-f-links").textContent = "";
          var rows = d.links && d.links.length ? d.links : [{ title: "", url: "" }];
          rows.forEach(function (r) { addLinkRow(r); });
        } else {
          byId("gv-f-" + f.name).value = typeof d[f.name] === "string" ? d[f.name] : "";
        }
      });
      data.sections.forEach(function (s) { byId("gv-f-section-" + s.key).value = (d.sections || {})[s.key] || ""; });
    }
    function cssEscape(t) { return String(t).replace(/["'\\\]\[]/g, "\\$&"); }
    // Tags kept in a draft that the tag list no longer has: shown checked, so they can be unchecked.
    function showExtraTags() {
      var box = byId("gv-f-tags-extra");
      if (box) box.remove();
      if (!extraTags.length) return;
      box = el(doc, "div", { class: "gv-f-taggroup", id: "gv-f-tags-extra" });
      box.appendChild(el(doc, "p", { class: "gv-f-taggroup-title" }, "Uit je concept, niet in de tagslijst:"));
      var ul = el(doc, "ul", { class: "gv-f-tags" });
      extraTags.forEach(function (t, i) {
        var li = el(doc, "li"), id = "gv-f-tag-extra-" + i;
        var box2 = el(doc, "input", { type: "checkbox", id: id, name: "tags", value: t, "data-extra": "1" });
        box2.checked = true;
        li.appendChild(box2);
        li.appendChild(el(doc, "label", { for: id }, t));
        ul.appendChild(li);
      });
      box.appendChild(ul);
      byId("gv-f-tags-veld").appendChild(box);
    }
    function addLinkRow(row) {
      var list = byId("gv-f-links"), i = list.children.length, n = i + 1;
      var wrap = el(doc, "div", { class: "gv-f-link", id: "gv-f-link-" + i + "-veld" });
      var t = el(doc, "input", { type: "text", id: "gv-f-link-" + i + "-title", "data-part": "title", "data-field": "link-" + i, autocomplete: "off" });
      var u = el(doc, "input", { type: "text", id: "gv-f-link-" + i, "data-part": "url", "data-field": "link-" + i, inputmode: "url", autocomplete: "off", "aria-describedby": "gv-f-links-hulp" });
      t.value = row.title || "";
      u.value = row.url || "";
      wrap.appendChild(el(doc, "label", { for: t.id, class: "gv-f-label" }, "Titel van link " + n));
      wrap.appendChild(t);
      wrap.appendChild(el(doc, "label", { for: u.id, class: "gv-f-label" }, "Webadres van link " + n));
      wrap.appendChild(el(doc, "p", { class: "gv-f-error", id: "gv-f-link-" + i + "-fout", hidden: "" }));
      wrap.appendChild(u);
      var remove = el(doc, "button", { type: "button", class: "md-button gv-f-remove" }, "Verwijder link " + n);
      remove.addEventListener("click", function () {
        var rows = linkRows();
        rows.splice(i, 1);
        byId("gv-f-links").textContent = "";
        (rows.length ? rows : [{ title: "", url: "" }]).forEach(addLinkRow);
        changed();
        var next = byId("gv-f-link-" + Math.min(i, byId("gv-f-links").children.length - 1) + "-title");
        if (next) next.focus();
      });
      wrap.appendChild(remove);
      list.appendChild(wrap);
      return t;
    }

    // --- keeping the draft ---
    var storage = null;
    try { storage = win.localStorage; storage.setItem(send.storage_key + "-test", "1"); storage.removeItem(send.storage_key + "-test"); }
    catch (e) { storage = null; }
    function save(d) {
      if (!storage) { byId("gv-f-saved").textContent = "Deze browser bewaart je concept niet: verstuur of download het voordat je de pagina sluit."; return; }
      try {
        // Only the answers: the tags no longer in the list follow from draft.tags when it is loaded. (Drafts
        // kept before also held them as "extraTags"; restore() ignores that.)
        storage.setItem(send.storage_key, JSON.stringify({ draft: d }));
        byId("gv-f-saved").textContent = "Je concept wordt bewaard in deze browser, ook als je de pagina sluit.";
      } catch (e) {
        byId("gv-f-saved").textContent = "Je concept kon niet worden bewaard: verstuur of download het voordat je de pagina sluit.";
      }
    }
    function restore() {
      if (!storage) return null;
      try {
        var kept = JSON.parse(storage.getItem(send.storage_key) || "null");
        return kept && kept.draft ? kept.draft : null;
      } catch (e) { return null; }
    }

    // --- problems next to their fields and in the summary ---
    function controlOf(field, part) {
      if (field === "tags") return form.querySelector("input[name=tags]");
      return byId("gv-f-" + field + (part === "title" ? "-title" : ""));
    }
    function labelOf(field) {
      if (field.indexOf("section-") === 0) {
        var s = data.sections.filter(function (x) { return "section-" + x.key === field; })[0];
        return s ? s.title : field;
      }
      if (field.indexOf("link-") === 0) return "Link " + (parseInt(field.slice(5), 10) + 1);
      var f = fieldOf(data, field);
      return f ? f.label : field;
    }
    function fieldsWithErrors() {
      var keys = data.fields.filter(function (f) { return f.kind !== "links"; }).map(function (f) { return f.name; });
      linkRows().forEach(function (_, i) { keys.push("link-" + i); });
      data.sections.forEach(function (s) { keys.push("section-" + s.key); });
      return keys;
    }
    function describe(control, ids) {
      if (!control) return;
      var base = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) { return id && !/-fout$/.test(id); });
      control.setAttribute("aria-describedby", base.concat(ids).join(" "));
    }
    // The checker's message names the file's English key ("summary: 8 tekens; ..."); the form shows it beside
    // the field's Dutch label, so the key is left out, and a missing field is said in words.
    function shownMessage(p) {
      if (p.code === "GV101" && fieldOf(data, p.field)) return "dit veld is verplicht";
      if (p.code === "GV205") return p.message.replace(/; gebruik Markdown .*$/, "; gebruik de eenvoudige opmaak die onder ‘Tekst’ staat, zoals **vet** en *schuin*");
      var key = p.field.indexOf("section-") === 0 ? labelOf(p.field).toLowerCase() : p.field;
      if (p.message.indexOf(key + ": ") === 0) return p.message.slice(key.length + 2);
      if (p.part === "title") return "titel: " + p.message;
      return p.message.replace(/^links\[\d+\]\.(?:url|title): /, "");
    }
    function problemLine(p) { return (p.severity === "error" ? "Fout " : "Let op ") + p.code + ": " + shownMessage(p); }
    function showProblems(res) {
      var by = {};
      res.problems.forEach(function (p) { (by[p.field] = by[p.field] || []).push(p); });
      fieldsWithErrors().forEach(function (key) {
        var box = byId("gv-f-" + key + "-fout"), list = by[key] || [], show = list.length && (attempted || touched[key]);
        if (!box) return;
        box.textContent = "";
        list.forEach(function (p) { box.appendChild(el(doc, "span", { class: "gv-f-problem" }, problemLine(p))); });
        box.hidden = !show;
        var controls = key === "tags" ? form.querySelectorAll("input[name=tags]") : [controlOf(key)], about = null;
        // A link row: the title box is marked when a problem is about the title, the address box otherwise.
        if (/^link-/.test(key)) {
          controls = [byId("gv-f-" + key + "-title"), controlOf(key)];
          about = list.map(function (p) { return p.part === "title" ? 0 : 1; });
        }
        Array.prototype.forEach.call(controls, function (c, i) {
          if (!c) return;
          if (show && (!about || about.indexOf(i) >= 0)) { c.setAttribute("aria-invalid", "true"); describe(c, [box.id]); }
          else { c.removeAttribute("aria-invalid"); describe(c, []); }
        });
        var wrap = byId("gv-f-" + key + "-veld");
        if (wrap) wrap.classList.toggle("gv-f-invalid", !!show);
      });
      var ul = byId("gv-f-problemen");
      ul.textContent = "";
      res.problems.filter(function (p) { return attempted || touched[p.field]; }).forEach(function (p) {
        var li = el(doc, "li"), a = el(doc, "a", { href: "#" + (controlOf(p.field, p.part) || form).id }, labelOf(p.field));
        a.addEventListener("click", function (ev) {
          var c = controlOf(p.field, p.part);
          if (c) { ev.preventDefault(); c.focus(); }
        });
        li.appendChild(a);
        li.appendChild(doc.createTextNode(": " + problemLine(p)));
        ul.appendChild(li);
      });
      byId("gv-f-samenvatting").classList.toggle("gv-f-clean", !res.problems.length);
      byId("gv-f-samenvatting").classList.toggle("gv-f-has-problems", ul.children.length > 0);
      win.clearTimeout(statusTimer);
      statusTimer = win.setTimeout(function () { byId("gv-f-melding").textContent = statusText(res); }, 600);
    }
    function statusText(res) {
      var n = res.problems.length;
      if (!n) return "De controle vindt niets meer. Je kunt het voorbeeld versturen." + (res.needsRendering
        ? " De opmaak in code of in de gespreksvraag bekijkt de redactie nog met de volledige controle." : "");
      var shown = attempted || res.problems.some(function (p) { return touched[p.field]; });
      return "De controle vindt nog " + n + (n === 1 ? " punt" : " punten") + " om te verbeteren." +
        (shown ? "" : " Je ziet ze bij elk veld zodra je het invult.");
    }

    // --- preview and file ---
    function showPreview(res) {
      var v = res.values, box = byId("gv-f-preview");
      box.textContent = "";
      var article = el(doc, "article", { class: "gv-f-page" });
      article.appendChild(el(doc, "h3", {}, typeof v.title === "string" ? v.title : "(nog geen titel)"));
      if (typeof v.summary === "string") article.appendChild(el(doc, "p", { class: "gv-f-page-summary" }, v.summary));
      var dl = el(doc, "dl", { class: "gv-f-page-meta" });
      function meta(term, value) { if (value) { dl.appendChild(el(doc, "dt", {}, term)); dl.appendChild(el(doc, "dd", {}, value)); } }
      var labels = {};
      data.fields.forEach(function (f) { (f.choices || []).forEach(function (c) { labels[f.name + ":" + c.value] = c.label; }); });
      data.tag_groups.forEach(function (g) { g.tags.forEach(function (t) { labels["tags:" + t.slug] = t.label; }); });
      meta(fieldOf(data, "organisation").label, typeof v.organisation === "string" ? v.organisation : "");
      meta(fieldOf(data, "level").label, labels["level:" + v.level] || "");
      meta(fieldOf(data, "status").label, labels["status:" + v.status] || "");
      meta(fieldOf(data, "year").label, v.year !== undefined ? String(v.year) : "");
      meta(tagField.label, (v.tags || []).map(function (t) { return labels["tags:" + t] || t; }).join(", "));
      article.appendChild(dl);
      var d = readDraft();
      data.sections.forEach(function (s) {
        var text = d.sections[s.key] || "";
        if (isBlank(text)) return;
        article.appendChild(el(doc, "h4", {}, s.title));
        var part = el(doc, "div");
        markdownInto(doc, part, text, data);
        article.appendChild(part);
      });
      if (v.links && v.links.length) {
        article.appendChild(el(doc, "h4", {}, fieldOf(data, "links").label));
        var ul = el(doc, "ul");
        v.links.forEach(function (pair) {
          var li = el(doc, "li");
          if (!urlProblem(pair[1])) li.appendChild(el(doc, "a", { href: pair[1], rel: "noopener noreferrer" }, pair[0] || pair[1]));
          else li.textContent = pair[0] + " (" + pair[1] + ")";
          ul.appendChild(li);
        });
        article.appendChild(ul);
      }
      if (typeof v.contact === "string") article.appendChild(el(doc, "p", {}, fieldOf(data, "contact").label + ": " + v.contact));
      box.appendChild(article);
      byId("gv-f-filename").textContent = "cases/" + res.slug + ".md";
      byId("gv-f-text").textContent = res.text;
    }

    // --- sending ---
    function mailUrl(res, body) {
      var title = typeof res.values.title === "string" ? res.values.title : res.slug;
      return "mailto:" + send.editors + "?subject=" + encodeURIComponent("Nieuw voorbeeld: " + title) +
        "&body=" + encodeURIComponent(body);
    }
    function pullRequestUrl(res) {
      return send.source + "/new/" + encodeURIComponent(send.branch) + "?filename=" +
        encodeURIComponent("cases/" + res.slug + ".md") + "&value=" + encodeURIComponent(res.text);
    }
    function ready(res) { return res.problems.length === 0; }
    function updateSendLinks(res) {
      var mail = byId("gv-f-mail"), pr = byId("gv-f-pr");
      if (mail) {
        var full = mailUrl(res, res.text);
        mail.setAttribute("href", ready(res) ? (full.length <= send.mail_max ? full : mailUrl(res, pasteNote(res))) : "#gv-f-samenvatting");
        mail.dataset.tooLong = full.length > send.mail_max ? "1" : "";
      }
      if (pr) pr.setAttribute("href", ready(res) ? pullRequestUrl(res) : "#gv-f-samenvatting");
    }
    function pasteNote(res) {
      return "Plak hieronder het bestand " + res.slug + ".md (het staat op je klembord).\n\n";
    }
    function say(text) { byId("gv-f-send-status").textContent = text; }
    function notReady(ev) {
      if (ev) ev.preventDefault();
      attempted = true;
      showProblems(result);
      say("Het voorbeeld kan nog niet weg: de controle vindt nog " + result.problems.length +
        (result.problems.length === 1 ? " punt" : " punten") + ". Die staan bij de velden en onder 'Controle'.");
      byId("gv-f-samenvatting").focus();
    }
    function copy(text) {
      if (win.navigator.clipboard && win.navigator.clipboard.writeText) return win.navigator.clipboard.writeText(text);
      return Promise.reject(new Error("geen klembord"));
    }

    // --- wiring ---
    function update() {
      var d = readDraft();
      result = check(d, data);
      byId("gv-f-tags-telling").textContent = "Gekozen: " + d.tags.length + " van hoogstens " + data.max_tags + ".";
      showProblems(result);
      showPreview(result);
      updateSendLinks(result);
      return d;
    }
    function changed() { save(update()); }
    function keyOf(target) {
      if (target.name === "tags") return "tags";
      if (target.dataset && target.dataset.field) return target.dataset.field;
      return target.name || "";
    }
    form.addEventListener("input", function (ev) { touched[keyOf(ev.target)] = true; say(""); changed(); });
    form.addEventListener("change", function (ev) { touched[keyOf(ev.target)] = true; changed(); });
    // Leaving a field with text in it shows its problems. A tag box always has a value (its tag), so passing
    // through the tags with Tab says nothing: the tags count as touched only by a change.
    form.addEventListener("focusout", function (ev) {
      var key = keyOf(ev.target);
      if (key && key !== "tags" && !touched[key] && ev.target.value) { touched[key] = true; showProblems(result); }
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    byId("gv-f-link-add").addEventListener("click", function () { addLinkRow({ title: "", url: "" }).focus(); changed(); });
    var mail = byId("gv-f-mail");
    if (mail) mail.addEventListener("click", function (ev) {
      if (!ready(result)) return notReady(ev);
      if (mail.dataset.tooLong) {
        copy(result.text).then(function () {
          say("Het bestand is te lang voor een maillink. Het staat nu op je klembord: plak het in de mail die opent (Ctrl+V of Cmd+V).");
        }, function () {
          say("Het bestand is te lang voor een maillink. Kopieer het bestand onder 'Het bestand' en plak het in de mail die opent.");
        });
      } else {
        say("Je mailprogramma opent met het bestand in de mail. Verstuur die mail om je voorbeeld in te sturen.");
      }
    });
    var pr = byId("gv-f-pr");
    if (pr) pr.addEventListener("click", function (ev) { if (!ready(result)) notReady(ev); });
    byId("gv-f-download").addEventListener("click", function () {
      if (!ready(result)) return notReady();
      var blob = new win.Blob([result.text], { type: "text/markdown;charset=utf-8" });
      var a = el(doc, "a", { href: win.URL.createObjectURL(blob), download: result.slug + ".md" });
      doc.body.appendChild(a);
      a.click();
      a.remove();
      win.setTimeout(function () { win.URL.revokeObjectURL(a.href); }, 10000);
      say("Het bestand " + result.slug + ".md is gedownload. Stuur het naar de redactie of zet het in cases/.");
    });
    byId("gv-f-reset").addEventListener("click", function () {
      if (!win.confirm("Opnieuw beginnen? Alles wat je hebt ingevuld, wordt gewist.")) return;
      if (storage) storage.removeItem(send.storage_key);
      touched = {};
      attempted = false;
      writeDraft(emptyDraft());
      update();
      say("Het formulier is leeg gemaakt.");
      byId("gv-f-" + data.fields[0].name).focus();
    });

    var kept = restore();
    writeDraft(kept || emptyDraft());
    if (kept) {
      // What was filled in before shows its problems at once; empty fields wait until they are filled in.
      Object.keys(kept).forEach(function (k) { if (kept[k] && kept[k].length && k !== "sections") touched[k] = true; });
      (kept.links || []).forEach(function (r, i) { if (r.title || r.url) touched["link-" + i] = true; });
      Object.keys(kept.sections || {}).forEach(function (k) { if (kept.sections[k]) touched["section-" + k] = true; });
    }
    form.hidden = false;
    byId("gv-f-voorbeeld").hidden = false;
    byId("gv-f-bestand").hidden = false;
    update();
    byId("gv-f-saved").textContent = kept ? "Je concept van eerder is teruggezet uit deze browser." : "";
  }

  var api = {
    check: check, render: function (draft, data) { return renderFile(draft, data).text; }, slugFor: slugFor,
    todayIso: todayIso, start: function (doc) { startForm(doc); },
  };
  return api;
});
