// Render CSL-JSON items with citeproc-js, each item on its own, in input order.
//
// usage: node render.mjs STYLE.csl LOCALES_DIR LOCALE (text|html) (bibliography|cite|speed) < items.json
// prints a JSON array with one string per item (the entry, or the in-text citation);
// "speed" renders the whole set as one bibliography and prints {"count", "seconds"}.
import fs from "node:fs";
import path from "node:path";
import CSL from "citeproc";

const [stylePath, localesDir, locale, format, mode] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(0, "utf8"));
const byId = new Map(items.map((item) => [String(item.id), item]));

const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  },
  retrieveItem: (id) => structuredClone(byId.get(String(id))),
};

const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"), locale, true);
engine.setOutputFormat(format);

if (mode === "speed") {
  const started = process.hrtime.bigint();
  engine.updateItems(items.map((item) => String(item.id)));
  const [, entries] = engine.makeBibliography();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ count: entries.length, seconds }));
  process.exit(0);
}

const out = [];
for (const item of items) {
  const id = String(item.id);
  try {
    engine.updateItems([id]);
    if (mode === "cite") {
      out.push(engine.makeCitationCluster([{ id }]));
    } else {
      const result = engine.makeBibliography();
      out.push(result ? result[1].join("") : "");
    }
  } catch (err) {
    out.push(`!error: ${String(err).split("\n")[0]}`);
  }
}
process.stdout.write(JSON.stringify(out));
