/* The simulator page: choose a citizen, send what they do to /dev/chat/send, poll the chat log. */
(function () {
  "use strict";
  const R = window.DevchatRender;
  const $ = (id) => document.getElementById(id);
  const t = JSON.parse($("devchat-strings").textContent);
  const config = JSON.parse($("devchat-config").textContent);
  const base = config.base.endsWith("/") ? config.base : config.base + "/";
  const POLL_MS = 700;

  const state = { user: null, last: 0, lastSeq: 0, quickFor: null, quickDismissed: 0,
                  entries: [], polling: false, menu: null, friend: null, mode: "menu", menuOpen: false };
  const ctx = { t, base, accountName: $("account-name").textContent, act };

  async function api(path, body) {
    const opts = body === undefined ? {} : {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrf },
      body: JSON.stringify(body) };
    const resp = await fetch(base + path, opts);
    const data = await resp.json().catch(() => ({}));
    if (!resp.ok && !data.results) throw new Error(data.error || data.description || resp.status);
    return data;
  }

  function openDialog(id) {
    const dialog = $(id);
    dialog.returnValue = "";  // else Esc would repeat the last choice
    dialog.showModal();
  }

  function localNote(text, kind) {
    $("chat").appendChild(R.note(text, kind || "warn"));
    scrollDown(true);
  }

  function nearBottom() {
    const chat = $("chat");
    return chat.scrollHeight - chat.scrollTop - chat.clientHeight < 120;
  }

  function scrollDown(force) {
    if (force || nearBottom()) $("chat").scrollTop = $("chat").scrollHeight;
  }

  // The chat's own height changes when the rich menu opens or its picture loads (after the chat was
  // scrolled down), or the keyboard bar replaces it: a reader who was at the newest message stays
  // there. Whether they were is known from their last scroll at the height the chat had then: a
  // scroll event that comes after the chat shrank, before the observer saw it, says nothing.
  let pinned = true;
  let seenHeight = -1;
  $("chat").addEventListener("scroll", () => {
    if ($("chat").clientHeight === seenHeight) pinned = nearBottom();
  });
  new ResizeObserver(() => {
    seenHeight = $("chat").clientHeight;
    if (pinned) scrollDown(true);
  }).observe($("chat"));

  // --- users ---------------------------------------------------------------------------------
  async function loadUsers(select) {
    const data = await api("users");
    const sel = $("user");
    sel.replaceChildren();
    data.users.forEach((u) => {
      const opt = R.el("option", null, u.displayName + " (" + u.userId.slice(0, 9) + "…)");
      opt.value = u.userId;
      sel.appendChild(opt);
    });
    const wanted = select || localStorage.getItem("devchat-user");
    if (wanted && data.users.some((u) => u.userId === wanted)) sel.value = wanted;
    switchUser(sel.value);
  }

  function switchUser(userId) {
    if (!userId || userId === state.user) return;
    state.user = userId;
    localStorage.setItem("devchat-user", userId);
    state.last = 0;
    state.entries = [];
    state.quickDismissed = 0;
    state.quickFor = null;  // the previous citizen's quick replies are not this one's
    state.lastSeq = 0;
    state.friend = null;
    state.menu = null;
    $("chat").replaceChildren();
    renderQuick();
    renderFriend(null);
    poll();
    loadMenu();
  }

  // "Delete chat history" as in the LINE app: only this page forgets; the bot remembers everything.
  function clearedUpTo(userId) {
    return Number(localStorage.getItem("devchat-cleared-" + userId) || 0);
  }

  // LINE's bar above the chat: add a not-yet-friend account, or unblock one (nothing can be sent then).
  function renderFriend(friend) {
    state.friend = friend;
    const bar = $("friend-bar");
    bar.hidden = friend !== "none" && friend !== "blocked";
    $("friend-text").textContent = friend === "blocked" ? t.blocked : t.not_friend;
    $("friend-add").hidden = friend !== "none";
    $("friend-unblock").hidden = friend !== "blocked";
    if (friend === "blocked") $("quick").hidden = true;
    renderBottom();
  }

  // --- sending -------------------------------------------------------------------------------
  async function send(action) {
    if (!state.user) return;
    state.quickDismissed = state.lastSeq;  // LINE hides quick replies once the user acts
    renderQuick();
    try {
      const data = await api("send", { user: state.user, action });
      if (data.error) localNote(data.error, "error");
      (data.results || []).forEach((r) => {
        if (r.status === 0) localNote(R.fill(t.webhook_unreachable, r), "error");
        else if (!r.ok) localNote(R.fill(t.webhook_failed, r), "error");
        if (r.elapsed_ms > 2000) localNote(R.fill(t.webhook_slow, { ms: r.elapsed_ms }), "warn");
      });
    } catch (err) {
      localNote(String(err.message || err), "error");
    }
    poll();
  }

  function readFiles(files) {
    return Promise.all(Array.from(files).map((f) => new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve({ name: f.name, contentType: f.type, data: reader.result });
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(f);
    })));
  }

  async function sendPhotos(input) {
    if (!input.files.length) return;
    const images = await readFiles(input.files);
    input.value = "";
    send({ type: "image", images });
  }

  // What a tap on a quick reply, Flex button, template action or rich menu area does.
  function act(action) {
    switch (action.type) {
      case "postback":
        return send({ type: "postback", data: action.data || "", displayText: action.displayText || action.text });
      case "message":
        return send({ type: "text", text: action.text || "" });
      case "uri":
        localNote(R.fill(t.link, { uri: action.uri }), "faint");
        if (/^https?:\/\//i.test(action.uri || "")) window.open(action.uri, "_blank", "noopener");
        return;
      case "datetimepicker":
        return pickDate(action);
      case "camera":
        return $("pick-camera").click();
      case "cameraRoll":
        return $("pick-photos").click();
      case "location":
        return openDialog("location-dialog");
      case "clipboard":
        if (navigator.clipboard) navigator.clipboard.writeText(action.clipboardText || "").catch(() => {});
        return localNote(R.fill(t.copied, { text: action.clipboardText }), "faint");
      case "richmenuswitch":
        localNote(R.fill(t.switch_menu, { alias: action.richMenuAliasId }), "faint");
        return send({ type: "postback", data: action.data || "" });
      default:
        return localNote(R.fill(t.unknown_type, { type: "action/" + action.type }), "warn");
    }
  }

  function pickDate(action) {
    const input = $("date-input");
    const kind = { date: "date", time: "time", datetime: "datetime-local" }[action.mode] || "datetime-local";
    input.type = kind;
    input.value = action.initial || "";
    input.min = action.min || "";
    input.max = action.max || "";
    const dialog = $("date-dialog");
    dialog.onclose = () => {
      if (dialog.returnValue === "ok" && input.value) {
        send({ type: "datetimepicker", data: action.data || "", mode: action.mode || "datetime", value: input.value });
      }
    };
    openDialog("date-dialog");
  }

  // --- receiving -----------------------------------------------------------------------------
  async function poll() {
    if (!state.user || state.polling) return;
    state.polling = true;
    const user = state.user;
    try {
      const after = Math.max(state.last, clearedUpTo(user));
      const data = await api("messages?user=" + encodeURIComponent(user) + "&after=" + after);
      if (user !== state.user) return;
      if (data.friend !== state.friend) renderFriend(data.friend);
      const stick = state.last === 0 || nearBottom();  // stay at the bottom if the reader was there
      data.entries.forEach((e) => {
        const node = $("chat").appendChild(R.entry(e, ctx));
        // Pictures grow the chat after they load: follow them down.
        node.querySelectorAll("img").forEach((img) => img.addEventListener("load", () => scrollDown(stick)));
        if (e.from !== "system") {
          state.lastSeq = e.seq;
          state.quickFor = e.from === "bot" && e.message.quickReply ? e : null;
        }
      });
      if (data.entries.length) {
        state.last = data.last;
        renderQuick();
        scrollDown(stick);
      }
    } catch (err) {
      /* the app may be restarting; the next poll tries again */
    } finally {
      state.polling = false;
    }
  }

  // Quick replies belong to the latest message only, as in LINE.
  function renderQuick() {
    const bar = $("quick");
    bar.replaceChildren();
    bar.scrollLeft = 0;
    const e = state.quickFor;
    if (!e || e.seq <= state.quickDismissed || state.friend === "blocked") {
      bar.hidden = true;
      return;
    }
    (e.message.quickReply.items || []).forEach((item) => {
      const action = item.action || {};
      const btn = R.el("button", "quick-item");
      btn.type = "button";
      if (item.imageUrl && R.safeUrl(item.imageUrl)) btn.appendChild(R.image(item.imageUrl, "quick-icon"));
      btn.appendChild(R.el("span", null, action.label || ""));
      btn.addEventListener("click", () => act(action));
      bar.appendChild(btn);
    });
    bar.hidden = false;
  }

  // --- rich menu and the bottom bar ----------------------------------------------------------
  // LINE with a rich menu: a bar [keyboard][chat bar text] and the menu under it ("menu" mode), or
  // the text input with a button back to the menu ("keyboard" mode). Without one: the input only.
  function renderBottom() {
    const stick = nearBottom();
    const blocked = state.friend === "blocked";
    const withMenu = Boolean(state.menu) && !blocked;
    const typing = !withMenu || state.mode === "keyboard";
    $("menu-bar").hidden = !withMenu || typing;
    $("richmenu").hidden = !withMenu || typing || !state.menuOpen;
    $("composer").hidden = blocked || !typing;
    $("to-menu").hidden = !withMenu;
    $("menu-bar-button").setAttribute("aria-expanded", String(withMenu && !typing && state.menuOpen));
    if (state.menu) {
      $("menu-bar-button").textContent = (state.menu.chatBarText || t.rich_menu) +
        (state.menuOpen ? " \u25BE" : " \u25B4");
    }
    scrollDown(stick);  // the open menu takes room from the chat
  }

  async function loadMenu() {
    const user = state.user;
    const data = await api("richmenu?user=" + encodeURIComponent(user)).catch(() => null);
    if (data === null || user !== state.user) return;  // unreachable for now, or another citizen by now
    const menu = data.menu;
    const key = menu ? menu.richMenuId : null;
    if ((state.menu ? state.menu.richMenuId : null) === key) return;
    state.menu = menu;
    state.mode = "menu";
    state.menuOpen = Boolean(menu && menu.selected);
    if (menu) {
      $("richmenu-image").setAttribute("src", data.image);
      const areas = $("richmenu-areas");
      areas.replaceChildren();
      (menu.areas || []).forEach((a) => {
        const b = a.bounds;
        const hit = R.el("button", "richmenu-area");
        hit.type = "button";
        hit.title = (a.action && a.action.label) || "";
        hit.setAttribute("aria-label", hit.title);
        Object.assign(hit.style, {
          left: (100 * b.x / menu.size.width) + "%", top: (100 * b.y / menu.size.height) + "%",
          width: (100 * b.width / menu.size.width) + "%", height: (100 * b.height / menu.size.height) + "%" });
        hit.addEventListener("click", () => act(a.action || {}));
        areas.appendChild(hit);
      });
    }
    renderBottom();
  }

  // --- wiring --------------------------------------------------------------------------------
  $("user").addEventListener("change", (e) => switchUser(e.target.value));
  $("rename").addEventListener("click", async () => {
    const current = $("user").selectedOptions[0];
    const name = window.prompt(t.rename_prompt, current ? current.textContent.replace(/ \(.*$/, "") : "");
    if (!name) return;
    await api("profile", { user: state.user, name });
    loadUsers(state.user);
  });
  $("add-user").addEventListener("click", async () => {
    const n = $("user").options.length + 1;
    const name = window.prompt(t.rename_prompt, R.fill(t.new_user_name, { n }));
    if (!name) return;
    const data = await api("profile", { name });
    loadUsers(data.user.userId);
  });
  $("follow").addEventListener("click", () => send({ type: "follow" }));
  $("unfollow").addEventListener("click", () => send({ type: "unfollow" }));
  $("friend-add").addEventListener("click", () => send({ type: "follow" }));
  $("friend-unblock").addEventListener("click", () => send({ type: "follow" }));
  $("clear").addEventListener("click", () => {
    if (!state.user) return;
    localStorage.setItem("devchat-cleared-" + state.user, String(state.last));
    state.quickFor = null;
    $("chat").replaceChildren();
    renderQuick();
    localNote(t.chat_cleared, "faint");
  });
  // A mouse wheel scrolls the quick replies sideways, as a finger does on a phone.
  $("quick").addEventListener("wheel", (e) => {
    if (Math.abs(e.deltaY) > Math.abs(e.deltaX)) {
      $("quick").scrollLeft += e.deltaY;
      e.preventDefault();
    }
  }, { passive: false });
  // The input grows with what is typed, up to its max-height, like LINE's.
  function fitInput() {
    const box = $("text");
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  $("text").addEventListener("input", fitInput);
  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const box = $("text");
    if (!box.value.trim()) return;
    send({ type: "text", text: box.value });
    box.value = "";
    fitInput();
  });
  $("text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("btn-photo").addEventListener("click", () => $("pick-photos").click());
  $("btn-file").addEventListener("click", () => $("pick-file").click());
  $("btn-location").addEventListener("click", () => openDialog("location-dialog"));
  $("btn-sticker").addEventListener("click", () => { $("stickers").hidden = !$("stickers").hidden; });
  $("pick-camera").addEventListener("change", (e) => sendPhotos(e.target));
  $("pick-photos").addEventListener("change", (e) => sendPhotos(e.target));
  $("pick-file").addEventListener("change", async (e) => {
    const files = await readFiles(e.target.files);
    e.target.value = "";
    files.forEach((f) => send({ type: "file", name: f.name, contentType: f.contentType, data: f.data }));
  });
  $("location-dialog").addEventListener("close", () => {
    if ($("location-dialog").returnValue !== "ok") return;
    const form = new FormData($("location-form"));
    send({ type: "location", latitude: form.get("latitude"), longitude: form.get("longitude"),
           title: form.get("title"), address: form.get("address") });
  });
  $("menu-bar-button").addEventListener("click", () => { state.menuOpen = !state.menuOpen; renderBottom(); });
  $("to-keyboard").addEventListener("click", () => {
    state.mode = "keyboard";
    renderBottom();
    $("text").focus();
  });
  $("to-menu").addEventListener("click", () => {
    state.mode = "menu";
    state.menuOpen = true;
    $("stickers").hidden = true;
    renderBottom();
  });
  t.stickers.forEach((s) => {
    const btn = R.el("button", "sticker-choice");
    btn.type = "button";
    btn.title = (s.keywords || []).join(", ");
    btn.appendChild(R.el("span", "face", s.emoji));
    btn.appendChild(R.el("span", "word", (s.keywords || [""])[0]));
    btn.addEventListener("click", () => {
      $("stickers").hidden = true;
      send(Object.assign({ type: "sticker" }, s));
    });
    $("stickers").appendChild(btn);
  });

  setInterval(poll, POLL_MS);
  setInterval(() => state.user && loadMenu(), 5000);
  loadUsers();
})();
