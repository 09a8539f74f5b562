// Runs the case form's rules (docs/assets/gv-form.js) on drafts read as JSON from standard input:
// {"data": ..., "today": "JJJJ-MM-DD", "drafts": [...]} -> [{text, slug, problems, needsRendering}, ...]
"use strict";
const path = require("path");
const GVForm = require(path.join(__dirname, "..", "..", "docs", "assets", "gv-form.js"));
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const job = JSON.parse(input);
  const out = job.drafts.map((draft) => {
    const r = GVForm.check(draft, job.data, job.today);
    return { text: r.text, slug: r.slug, needsRendering: r.needsRendering,
             problems: r.problems.map((p) => [p.code, p.message, p.field]) };
  });
  process.stdout.write(JSON.stringify(out));
});
