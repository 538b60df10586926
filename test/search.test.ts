import { describe, expect, it } from "vitest";
import { parseArticle } from "../src/index.ts";
import { buildQuery, specificity } from "../src/search/query.ts";
import { RELEVANCE_THRESHOLD, rankPassages } from "../src/search/rank.ts";
import { buildSearchIndex } from "../src/search/search-index.ts";
import { realArticle } from "./helpers/articles.ts";

const index = buildSearchIndex([realArticle()]);
const best = (question: string) => rankPassages(index, question)[0];

describe("search", () => {
  it("returns the paragraph, its heading, the best sentence and a score", () => {
    const passage = best("Wer ist der Kreml-Sprecher?");
    // Two paragraphs name the spokesman; either answers.
    expect(realArticle().sections.map((section) => section.heading)).toContain(passage?.section);
    expect(passage?.sentence).toContain("Kreml-Sprecher Dmitri Peskow");
    expect(passage?.text).toContain(passage?.sentence);
    expect(passage?.score).toBeGreaterThan(0.9);
    expect(passage?.article.id).toBe("000_81e12a227075c4f1");
  });

  it("ranks passages best first, each paragraph once", () => {
    const passages = rankPassages(index, "Kreml-Sprecher Peskow", { limit: 5 });
    expect(passages.length).toBeGreaterThan(1);
    const scores = passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(passages.map((p) => p.text)).size).toBe(passages.length);
  });

  it.each([
    ["Kremlsprecher", "Kreml-Sprecher"],
    ["Asienreise", "Asien-Reise"],
    ["Peskov Montag", "Peskow am Montag"],
    ["Einladung Pjongjang", "Pjöngjang"],
    ["lockerung sanktionn", "Lockerung der Sanktionen"],
    ["Atomwaffenprogram", "Atomwaffenprogramm"],
  ])("matches %s to the sentence with %s", (question, phrase) => {
    expect(best(question)?.sentence).toContain(phrase);
  });

  it("uses the paragraph as context for the best sentence", () => {
    expect(best("Was möchte Putin bei den Sanktionen erreichen?")?.sentence).toContain(
      "Lockerung der Sanktionen",
    );
  });

  it.each([
    "Wie wird das Wetter morgen?",
    "Wann spielt Bayern München wieder?",
    "How do I reset my password?",
    "qwrtz xkcd blorf",
    "Was ist das?",
  ])("has no passage for an unrelated question: %s", (question) => {
    expect(rankPassages(index, question)).toEqual([]);
  });

  it("scores unrelated questions below the threshold and related ones above it", () => {
    const unrelated =
      rankPassages(index, "Wie wird das Wetter in Hamburg?", { threshold: 0, gate: false })[0]?.score ?? 0;
    expect(unrelated).toBeLessThan(RELEVANCE_THRESHOLD);
    expect(best("Forum in Peking")?.score ?? 0).toBeGreaterThanOrEqual(RELEVANCE_THRESHOLD);
  });

  it("never answers with a caption", () => {
    expect(rankPassages(index, "Cosmonautics concert")).toEqual([]);
    for (const passage of rankPassages(index, "Cosmonautics Day concert", {
      threshold: 0,
      limit: 10,
      gate: false,
    })) {
      expect(passage.text).not.toContain("Cosmonautics");
    }
  });

  it("searches every article and can be restricted to one", () => {
    const other = parseArticle(
      "Wahl in Berlin\n\nDie Wahl in Berlin gewann die Partei A mit knapper Mehrheit.\n",
      "wahl.txt",
    );
    const both = buildSearchIndex([realArticle(), other]);
    expect(rankPassages(both, "Wer gewann die Wahl in Berlin?")[0]?.article.id).toBe("wahl");
    expect(
      rankPassages(both, "Wer gewann die Wahl in Berlin?", { articleId: "000_81e12a227075c4f1" }),
    ).toEqual([]);
  });

  it("searches English articles with the English stemmer", () => {
    const english = parseArticle(
      "---\nlanguage: en\n---\n# Storm\n\nThe storms closed the harbours of the northern coast for two days.\n",
      "storm.md",
    );
    const both = buildSearchIndex([realArticle(), english]);
    expect(rankPassages(both, "Which harbour was closed by the storm?")[0]?.article.id).toBe("storm");
  });

  it("refuses a question whose only match is an everyday word, and answers one that names the subject", () => {
    const space = parseArticle(
      "Raumfahrt\n\nDie Astronauten führten Tests an ihrem Raumfahrzeug durch, bevor die Mission begann. " +
        "Die Besatzung übte den Start viele Wochen lang.\n\nIm Stadion sang ein Chor die Nationalhymne.\n",
      "raumfahrt.txt",
    );
    const spaceIndex = buildSearchIndex([space]);
    // Half the question's weight is matched either way; "Test" is an everyday word, "Nationalhymne" is not.
    expect(rankPassages(spaceIndex, "Welche Zahnpasta ist im Test am besten?")).toEqual([]);
    expect(rankPassages(spaceIndex, "Wer sang die Nationalhymne?")[0]?.sentence).toContain("Nationalhymne");
  });

  it("chooses a sentence that refers back to the one holding the question's subject", () => {
    const bourse = parseArticle(
      "Börse\n\nDie Warschauer Börse wurde 1817 gegründet. " +
        "Sie wurde im April 1991 nach dem Ende der kommunistischen Kontrolle wiederhergestellt.\n",
      "boerse.txt",
    );
    const passage = rankPassages(
      buildSearchIndex([bourse]),
      "Wann wurde die Warschauer Börse wiederhergestellt?",
    )[0];
    expect(passage?.sentence).toContain("April 1991");
  });

  it("chooses the sentence whose personal pronoun stands for the one repeating the question, unless that one answers", () => {
    const summit = parseArticle(
      "Gipfel\n\nErste Annäherungen zwischen Kim Jong Un und Donald Trump gab es bereits. " +
        "Die beiden Regierungschefs trafen sich schon zum zweiten Mal. " +
        "Die zweite Begegnung wurde abgebrochen, doch Trump erklärte sich zu einem dritten Treffen bereit.\n",
      "gipfel.txt",
    );
    expect(rankPassages(buildSearchIndex([summit]), "Trump Kim second meeting")[0]?.sentence).toContain(
      "zum zweiten Mal",
    );
    // The first sentence names a team itself: the pronoun's sentence, which names the playoffs, only goes on.
    const season = parseArticle(
      "Season\n\nThe Broncos beat the Pittsburgh Steelers in the divisional round. " +
        "They then beat the New England Patriots in the championship game of the playoffs.\n",
      "season.txt",
    );
    const passage = rankPassages(
      buildSearchIndex([season]),
      "Who did the Broncos beat in the divisional playoffs?",
    )[0];
    expect(passage?.sentence).toContain("Pittsburgh Steelers");
  });

  it("does not let a pronoun's sentence that names nothing of the question win over the sentence before", () => {
    const students = parseArticle(
      "Luther\n\nStudents thronged to Wittenberg to hear Luther speak. " +
        "He published a short commentary on Galatians and his Work on the Psalms.\n",
      "luther.txt",
    );
    const passage = rankPassages(
      buildSearchIndex([students]),
      "Who went to Wittenberg to hear Luther speak?",
    )[0];
    expect(passage?.sentence).toContain("Students thronged");
  });

  it("prefers the sentence whose number stands near a word of the question", () => {
    const defence = parseArticle(
      "Defence\n\nTwo of the three linebackers were selected for the Pro Bowl: Thomas Davis and Luke Kuechly. " +
        "Davis compiled five sacks and four interceptions, while Kuechly led the team in tackles (118).\n",
      "defence.txt",
    );
    const passage = rankPassages(
      buildSearchIndex([defence]),
      "How many tackles did Luke Kuechly register?",
    )[0];
    expect(passage?.sentence).toContain("118");
  });

  it("chooses the sentence by the question's words that only some sentences of the paragraph hold", () => {
    const jellies = parseArticle(
      "Quallen\n\nDie Rippenquallen der Tiefsee fangen Beute mit Tentakeln. " +
        "Nur 150 Arten der Rippenquallen sind bisher bekannt. Die Rippenquallen der Tiefsee leuchten im Dunkeln.\n",
      "quallen.txt",
    );
    const passage = rankPassages(
      buildSearchIndex([jellies]),
      "Wie viele Arten von Rippenquallen leben in der Tiefsee?",
    )[0];
    expect(passage?.sentence).toContain("150 Arten");
  });

  it("finds an unknown compound of the question through its known parts", () => {
    const railways = parseArticle(
      "Bahn\n\nVictoria hat viele Straßen und Häfen.\n\nDie Eisenbahn fährt dort auf Strecken mit Breitspur.\n",
      "bahn.txt",
    );
    const passage = rankPassages(buildSearchIndex([railways]), "Welche Spur haben die Eisenbahnstrecken?")[0];
    expect(passage?.sentence).toContain("Breitspur");
  });

  it("takes a German name's genitive for the name, not for a typo", () => {
    const city = parseArticle("Stadt\n\nDie Altstadt von Warschau wurde wieder aufgebaut.\n", "stadt.txt");
    const germanIndex = buildSearchIndex([city]).byLanguage.get("de");
    if (!germanIndex) throw new Error("no German index");
    const terms = buildQuery(germanIndex, "Wann wurde Warschaus Altstadt aufgebaut?");
    const name = terms.flatMap((term) => term.expansions).find((e) => germanIndex.terms[e.id] === "warschau");
    expect(name?.typo).toBeUndefined();
    expect(name?.weight).toBeGreaterThan(0.8);
  });

  it("counts a hyphenated question word by its parts, not once more as the compound they make", () => {
    const rainforest = parseArticle("Wald\n\nDer Amazonas-Regenwald ist groß.\n", "wald.txt");
    const germanIndex = buildSearchIndex([rainforest]).byLanguage.get("de");
    if (!germanIndex) throw new Error("no German index");
    const named = (question: string) =>
      buildQuery(germanIndex, question).map((term) =>
        term.expansions.map((e) => `${germanIndex.terms[e.id]}@${e.weight}`),
      );
    // Two terms, each meeting the compound ("Amazonas-Regenwald" as well as "Amazonasregenwald") in full, as it
    // holds both.
    expect(named("Wie groß ist der Amazonas-Regenwald?")).toEqual([
      ["amazonas@1", "amazonasregenwald@1"],
      ["regenwald@1", "amazonasregenwald@1"],
    ]);
  });

  it("counts a compound that two question words make together in full, one that holds only one of them less", () => {
    const plague = parseArticle(
      "Pest\n\nDer Ausbruch der Krankheit traf Mailand, die Pest blieb danach lange.\n\n" +
        "Der letzte Pestausbruch traf Oslo im Jahr 1654.\n",
      "pest.txt",
    );
    const germanIndex = buildSearchIndex([plague]).byLanguage.get("de");
    if (!germanIndex) throw new Error("no German index");
    const weights = buildQuery(germanIndex, "Wann fand der letzte Ausbruch der Pest statt?").map((term) =>
      Object.fromEntries(term.expansions.map((e) => [germanIndex.terms[e.id], e.weight])),
    );
    expect(weights).toContainEqual({ ausbruch: 1, pestausbruch: 1 });
    expect(weights).toContainEqual({ pest: 1, pestausbruch: 1 });
    // Two terms that overlap in a compound do not make it: "Mark" and "Markt" in "Marktplatz".
    const market = parseArticle("Markt\n\nDer Marktplatz, der Markt und die Mark.\n", "markt.txt");
    const marketIndex = buildSearchIndex([market]).byLanguage.get("de");
    if (!marketIndex) throw new Error("no German index");
    const square = buildQuery(marketIndex, "Was kostet der Markt in Mark?")
      .flatMap((term) => term.expansions)
      .filter((e) => marketIndex.terms[e.id] === "marktplatz");
    expect(square.map((e) => e.weight)).toEqual([0.8, 0.8]);
    // Asked alone, "Ausbruch" meets "Pestausbruch" as a longer word only.
    const alone = buildQuery(germanIndex, "Wann war der letzte Ausbruch?").flatMap((term) => term.expansions);
    expect(alone.find((e) => germanIndex.terms[e.id] === "pestausbruch")?.weight).toBe(0.8);
  });

  it("asks English articles about an English word that is a German stopword, but not a German question", () => {
    const life = parseArticle(
      "---\nlanguage: en\n---\n# Tesla\n\nTesla was born in 1856.\n\nTesla did die in New York in 1943.\n",
      "tesla.md",
    );
    const index = buildSearchIndex([life]);
    expect(rankPassages(index, "What year did Tesla die?")[0]?.sentence).toContain("1943");
    const englishIndex = index.byLanguage.get("en");
    if (!englishIndex) throw new Error("no English index");
    // "die" of a German question is the article: it asks nothing of the English "die".
    expect(buildQuery(englishIndex, "Wann ist die Tesla?")).toHaveLength(1);
  });

  it("takes the article's title as context for each of its paragraphs, but finds no paragraph by it alone", () => {
    const bowl = parseArticle(
      "---\nlanguage: en\n---\n# Super Bowl 50\n\n" +
        "Peyton Manning played in Super Bowl 50 at the age of 39.\n\n" +
        "Lady Gaga sang the national anthem.\n\n" +
        "The halftime show was headlined by Coldplay.\n",
      "bowl.md",
    );
    const other = parseArticle(
      "---\nlanguage: en\n---\n# Tickets\n\nTickets for the final were sold out in an hour.\n",
      "tickets.md",
    );
    const index = buildSearchIndex([bowl, other]);
    expect(rankPassages(index, "Who sang the national anthem at Super Bowl 50?")[0]?.sentence).toContain(
      "Lady Gaga",
    );
    // The title names "Super Bowl", the paragraph nothing the question asks.
    const halftime = rankPassages(index, "Super Bowl tickets", { gate: false, threshold: 0, limit: 5 });
    expect(halftime.map((passage) => passage.sentence)).not.toContain(
      "The halftime show was headlined by Coldplay.",
    );
  });

  it("collects a paragraph that its title's terms lift over the threshold, as scoring every paragraph does", () => {
    // The title names "Zebrafish", the paragraph only words that twenty other articles share.
    const articles = [
      parseArticle("---\nlanguage: en\n---\n# Zebrafish\n\nIt eats plankton in the sea.\n", "z.md"),
    ];
    for (let i = 0; i < 20; i++) {
      const text = `# Sea ${i}\n\nThe whale eats plankton in the sea number ${i}.\n\nBoats sail on the sea.\n`;
      articles.push(parseArticle(`---\nlanguage: en\n---\n${text}`, `sea-${i}.md`));
    }
    const index = buildSearchIndex(articles);
    const shown = (passages: { article: { title: string }; score: number }[]) =>
      passages.map(({ article, score }) => `${article.title} ${score}`);
    for (const question of [
      "zebrafish plankton",
      "What does the zebrafish eat in the sea?",
      "sea plankton",
    ]) {
      const every = rankPassages(index, question, { gate: false, threshold: 0 });
      expect(shown(rankPassages(index, question, { gate: false }))).toEqual(
        shown(every.filter((passage) => passage.score >= RELEVANCE_THRESHOLD)),
      );
    }
    expect(shown(rankPassages(index, "zebrafish plankton", { gate: false }))[0]).toMatch(/^Zebrafish /);
  });

  it("takes no typo guesses for a word whose compounds the articles hold", () => {
    const town = parseArticle(
      "Stadt\n\nDie Herrschaft des Königs dauerte lange. Die Bürger errichteten eine Mauer.\n",
      "stadt.txt",
    );
    const germanIndex = buildSearchIndex([town]).byLanguage.get("de");
    if (!germanIndex) throw new Error("no German index");
    // "Herrscher" is not in the text, "Herrschaft" is: it is a word of the language, not "errichteten" mistyped.
    const [ruler] = buildQuery(germanIndex, "Herrscher");
    expect(ruler?.expansions.map((e) => germanIndex.terms[e.id])).toEqual(["herrschaft"]);
  });

  it("asks German articles through the translation of an English word that German drops as a stopword", () => {
    const life = parseArticle(
      "Tesla\n\nTesla wurde 1856 in Smiljan geboren.\n\nTesla starb 1943 in New York.\n",
      "tesla.txt",
    );
    expect(rankPassages(buildSearchIndex([life]), "What year did Tesla die?")[0]?.sentence).toContain("1943");
  });

  it("never takes one number for another as if it were a typo", () => {
    const flood = parseArticle("Flut\n\nIm Jahr 2005 kam die große Flut.\n", "flut.txt");
    const germanIndex = buildSearchIndex([flood]).byLanguage.get("de");
    if (!germanIndex) throw new Error("no German index");
    const [year] = buildQuery(germanIndex, "2015");
    expect(year?.expansions).toEqual([]);
  });

  it("weighs a German question's words by German generality, also when it is asked of English articles", () => {
    const english = parseArticle(
      "---\nlanguage: en\n---\n# Storm\n\nThe storms closed the harbours of the northern coast for a week.\n",
      "storm.md",
    );
    const englishIndex = buildSearchIndex([english]).byLanguage.get("en");
    if (!englishIndex) throw new Error("no English index");
    // "Woche" is an everyday German word; as an English term ("woch") no dictionary entry knows it.
    const [week] = buildQuery(englishIndex, "Welche Woche?");
    expect(week?.specificity).toBeCloseTo(specificity("woch", "de"));
    expect(week?.specificity).toBeLessThan(specificity("woch", "en"));
  });
});
