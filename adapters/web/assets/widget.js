// The embeddable news chat: a news site adds
//   <script src="https://BOT-HOST/web/widget.js" async></script>
// and gets a button in the corner that opens the chat in a frame. The button lives in a shadow root with its own
// constructed style sheet, so the site's styles cannot reach it; the chat runs in the frame, on the bot's origin,
// which only the sites in WEB_ALLOWED_ORIGINS may frame.
(() => {
  const script = document.currentScript;
  if (!script?.src) return;
  const base = new URL(script.src);
  const english = (navigator.language || "").toLowerCase().startsWith("en");
  const labels = english
    ? { open: "Open the news chat", close: "Close the chat", title: "News chat" }
    : { open: "Nachrichten-Chat öffnen", close: "Chat schließen", title: "Nachrichten-Chat" };

  const host = document.createElement("news-chat-widget");
  const root = host.attachShadow({ mode: "open" });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    :host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; }
    .toggle { all: unset; box-sizing: border-box; width: 56px; height: 56px; border-radius: 50%; cursor: pointer;
      background: #0b57d0; color: #fff; font: 600 24px/56px system-ui, sans-serif; text-align: center;
      box-shadow: 0 2px 8px rgba(0,0,0,.35); }
    .toggle:focus-visible { outline: 3px solid #0b57d0; outline-offset: 3px; }
    .panel { position: absolute; right: 0; bottom: 68px; width: min(380px, calc(100vw - 32px));
      height: min(600px, calc(100vh - 100px)); border: 0; border-radius: 12px; background: #fff;
      box-shadow: 0 4px 24px rgba(0,0,0,.35); }
    .panel[hidden] { display: none; }
  `);
  root.adoptedStyleSheets = [sheet];

  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "toggle";
  toggle.textContent = "?";
  toggle.setAttribute("aria-label", labels.open);
  toggle.setAttribute("aria-expanded", "false");
  let frame = null;

  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.className = "panel";
      frame.title = labels.title;
      frame.src = new URL("/embed", base).href;
      root.append(frame);
    }
    frame.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    toggle.setAttribute("aria-label", labels.close);
    toggle.textContent = "×";
    frame.focus();
  }
  function close() {
    if (frame) frame.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-label", labels.open);
    toggle.textContent = "?";
    toggle.focus();
  }
  toggle.addEventListener("click", () =>
    toggle.getAttribute("aria-expanded") === "true" ? close() : open(),
  );
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") close();
  });
  root.append(toggle);
  document.body.append(host);
})();
