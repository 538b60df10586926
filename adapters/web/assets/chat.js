// The chat page's script: sends questions and button commands to /web/ask and shows the answers, which the
// server renders and escapes. No framework, no inline code (the page's CSP allows scripts from this server only).
(() => {
  const STORAGE_KEY = "news-chat-conversation";
  const chat = document.querySelector(".chat");
  const transcript = document.getElementById("transcript");
  const form = document.getElementById("ask");
  const input = document.getElementById("question");
  const articleSelect = document.getElementById("article");
  if (!chat || !transcript || !form || !input) return;

  /** A random id for this browser's conversation, kept across reloads so the article choice stays. */
  function conversationId() {
    let id = null;
    try {
      id = localStorage.getItem(STORAGE_KEY);
    } catch {
      // Storage can be blocked (private modes, embedded frames); then the choice lasts until the page closes.
    }
    if (id && /^[A-Za-z0-9_-]{16,64}$/.test(id)) return id;
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    id = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // See above.
    }
    return id;
  }
  const conversation = conversationId();

  function addMessage(kind, label) {
    const item = document.createElement("li");
    item.className = `message from-${kind}`;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = `${chat.dataset[kind === "person" ? "you" : "bot"]}:`;
    item.append(who, " ");
    if (label !== undefined) {
      const text = document.createElement("p");
      text.textContent = label;
      item.append(text);
    }
    transcript.append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function showSelected(selected) {
    if (!articleSelect || selected === undefined) return;
    articleSelect.value = selected ?? "all";
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ conversation, ...body }),
    });
    if (!response.ok && response.status !== 429) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  /** Shows what the person asked, then the answer; `label` is what they typed or the button they chose. */
  async function ask(label, body) {
    addMessage("person", label);
    const answer = addMessage("bot");
    answer.setAttribute("aria-busy", "true");
    const thinking = document.createElement("p");
    thinking.className = "thinking";
    thinking.textContent = chat.dataset.thinking;
    answer.append(thinking);
    try {
      const result = await post("/web/ask", body);
      // The server escapes everything the person or an article says; this is its rendered reply.
      const fragment = document.createElement("div");
      fragment.className = "reply";
      fragment.innerHTML = result.html;
      thinking.replaceWith(fragment);
      showSelected(result.selected);
    } catch {
      thinking.className = "error";
      thinking.textContent = chat.dataset.failed;
    }
    answer.removeAttribute("aria-busy");
    answer.scrollIntoView({ block: "end" });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    ask(text.trim() === "" ? "…" : text, { text });
  });

  // Buttons anywhere on the page: examples carry a question, commands a command and its argument.
  chat.addEventListener("click", (event) => {
    const button =
      event.target instanceof Element
        ? event.target.closest("button[data-question], button[data-command]")
        : null;
    if (!button) return;
    const label = button.textContent.trim();
    if (button.dataset.question !== undefined) ask(label, { text: button.dataset.question });
    else ask(label, { command: button.dataset.command, args: button.dataset.args ?? "" });
  });

  if (articleSelect) {
    articleSelect.addEventListener("change", () => {
      const option = articleSelect.selectedOptions[0];
      ask(option ? option.textContent : articleSelect.value, {
        command: "article",
        args: articleSelect.value,
      });
    });
    post("/web/state", {}).then(
      (state) => showSelected(state.selected),
      () => {},
    );
  }
  chat.classList.add("ready");
})();
