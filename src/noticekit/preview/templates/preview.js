// noticekit preview: follows the server's events and swaps in what changed, keeping scroll positions.
"use strict";

const shown = { web: 0, pdf: 0, check: 0 };

function apply(state) {
  document.getElementById("title").textContent = state.title || document.getElementById("title").textContent;
  if (state.title) document.title = `Preview: ${state.title} (noticekit)`;
  if (state.layout) document.getElementById("layout").textContent = state.layout;
  showProblems(state.problems);
  const time = new Date().toLocaleTimeString("en-GB");
  document.getElementById("status").textContent = state.busy ? "Rendering\u2026" : state.problems.length ? `Problem at ${time}` : `Up to date at ${time}`;
  if (state.web_version && state.web_version !== shown.web) showWeb(state.web_version);
  if (state.pdf_version && state.pdf_version !== shown.pdf) showPages(state.pdf_version, state.pages);
  if (state.check_version && state.check_version !== shown.check) showCheck(state.check_version);
}

function showProblems(lines) {
  const box = document.getElementById("problems");
  box.replaceChildren(...lines.map((line) => Object.assign(document.createElement("p"), { textContent: line })));
  box.hidden = lines.length === 0;
}

// A new frame loads out of sight, takes the old one's scroll position, then replaces it.
function showWeb(version) {
  shown.web = version;
  const holder = document.getElementById("web");
  const frame = document.createElement("iframe");
  frame.title = "The notice as a web page";
  frame.className = "loading";
  frame.setAttribute("sandbox", "allow-same-origin allow-popups allow-popups-to-escape-sandbox");
  frame.addEventListener("load", () => {
    if (version !== shown.web) { frame.remove(); return; }
    const old = holder.querySelector("iframe.current");
    if (old && old.contentWindow) frame.contentWindow.scrollTo(old.contentWindow.scrollX, old.contentWindow.scrollY);
    holder.querySelectorAll(":scope > :not(iframe.loading)").forEach((element) => element.remove());
    frame.className = "current";
    holder.querySelectorAll("iframe.loading").forEach((element) => { if (element !== frame) element.remove(); });
  }, { once: true });
  frame.src = `/web?v=${version}`;
  holder.appendChild(frame);
}

// The page images keep their elements, so the pane's scroll position stays where it was.
function showPages(version, count) {
  shown.pdf = version;
  const holder = document.getElementById("pages");
  holder.querySelectorAll(".empty").forEach((element) => element.remove());
  const images = [...holder.querySelectorAll("img")];
  images.slice(count).forEach((image) => image.remove());
  for (let number = 1; number <= count; number += 1) {
    const image = images[number - 1] || holder.appendChild(document.createElement("img"));
    image.alt = `Page ${number} of ${count} of the PDF`;
    const next = new Image();
    next.onload = () => { if (shown.pdf === version) image.src = next.src; };
    next.src = `/pages/${number}.png?v=${version}`;
  }
}

async function showCheck(version) {
  shown.check = version;
  const answer = await fetch(`/check?v=${version}`, { cache: "no-store" });
  if (answer.ok && shown.check === version) document.getElementById("check").innerHTML = await answer.text();
}

function follow() {
  const events = new EventSource("/events");
  events.addEventListener("update", (event) => apply(JSON.parse(event.data)));
  events.addEventListener("error", () => {
    document.getElementById("status").textContent = "Not connected: is noticekit preview still running? (retrying)";
  });
}

follow();
