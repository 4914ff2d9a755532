/* Renders chat entries (user, bot and system) as DOM nodes. Bot text is never parsed as HTML:
   every string goes through textContent or setAttribute. Flex containers are drawn by flex.js. */
(function () {
  "use strict";

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Only web and same-origin URLs become src/href: never javascript: or data: from a bot message.
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    return /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : null;
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, (m, key) =>
      values && values[key] !== undefined ? String(values[key]) : m);
  }

  function image(url, cls) {
    const src = safeUrl(url);
    if (!src) return el("div", "notice", "image: " + String(url || ""));
    const img = el("img", cls);
    img.setAttribute("src", src);
    img.setAttribute("alt", "");
    img.setAttribute("loading", "lazy");
    return img;
  }

  function note(text, kind) {
    return el("div", "note " + (kind || ""), text);
  }

  // Small inline SVG icons: an emoji font is not installed everywhere.
  const SVG_NS = "http://www.w3.org/2000/svg";
  const ICONS = {
    building: [["path", { d: "M4 20h16M5 20V10M19 20V10M9 20v-6h6v6M3 10l9-6 9 6z" }]],
    clip: [["path", { d: "M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" }]],
    pin: [["path", { d: "M12 22s-7-6.6-7-12a7 7 0 0 1 14 0c0 5.4-7 12-7 12z" }],
          ["circle", { cx: "12", cy: "10", r: "2.5", fill: "#fff" }]],
  };

  function icon(name) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    (ICONS[name] || []).forEach(([tag, attrs]) => {
      const part = document.createElementNS(SVG_NS, tag);
      Object.keys(attrs).forEach((k) => part.setAttribute(k, attrs[k]));
      svg.appendChild(part);
    });
    return svg;
  }

  // "14:05", as LINE prints next to each message.
  function clock(seconds) {
    if (typeof seconds !== "number") return "";
    const d = new Date(seconds * 1000);
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function locationCard(msg, fallbackTitle) {
    const card = el("div", "location-card");
    const map = el("div", "map");
    map.appendChild(icon("pin"));
    card.appendChild(map);
    const info = el("div", "info");
    info.appendChild(el("strong", null, msg.title || fallbackTitle || ""));
    if (msg.address) info.appendChild(el("div", null, msg.address));
    info.appendChild(el("small", null, msg.latitude + ", " + msg.longitude));
    card.appendChild(info);
    return card;
  }

  function actionButton(action, ctx, cls) {
    const label = (action && (action.label || action.displayText || action.text)) || "";
    const btn = el("button", cls || "tpl-action", label);
    btn.type = "button";
    btn.addEventListener("click", () => ctx.act(action || {}));
    return btn;
  }

  function templateCard(col, ctx, withActions) {
    const card = el("div", "tpl-card");
    if (col.thumbnailImageUrl) card.appendChild(image(col.thumbnailImageUrl, "tpl-thumb"));
    if (col.title) card.appendChild(el("div", "tpl-title", col.title));
    if (col.text) card.appendChild(el("div", "tpl-text", col.text));
    if (withActions) {
      const actions = el("div", "tpl-actions" + (withActions === "row" ? " row" : ""));
      (col.actions || []).forEach((a) => actions.appendChild(actionButton(a, ctx)));
      card.appendChild(actions);
    }
    return card;
  }

  function templateMessage(msg, ctx) {
    const tpl = msg.template || {};
    if (tpl.type === "buttons") return templateCard(tpl, ctx, "column");
    if (tpl.type === "confirm") return templateCard(tpl, ctx, "row");
    if (tpl.type === "carousel" || tpl.type === "image_carousel") {
      const row = el("div", "carousel");
      (tpl.columns || []).forEach((col) => {
        if (tpl.type === "carousel") return row.appendChild(templateCard(col, ctx, "column"));
        const card = el("div", "tpl-card image-col");
        card.appendChild(image(col.imageUrl, "tpl-thumb"));
        if (col.action) card.appendChild(actionButton(col.action, ctx));
        row.appendChild(card);
      });
      return row;
    }
    return null;
  }

  // A bot message: returns the node to put in the bot's row, or null when the type is unknown.
  function botMessage(msg, ctx) {
    const t = ctx.t;
    switch (msg.type) {
      case "text":
      case "textV2":
        return el("div", "bubble bot", msg.text);
      case "sticker":
        return el("div", "sticker bot", t.sticker + " " + msg.packageId + "/" + msg.stickerId);
      case "image":
        return image(msg.previewImageUrl || msg.originalContentUrl, "photo");
      case "location":
        return locationCard(msg, "");
      case "flex": {
        const node = window.DevchatFlex.container(msg.contents || {}, ctx);
        node.setAttribute("title", msg.altText || "");
        return node;
      }
      case "template":
        return templateMessage(msg, ctx);
      default:
        return null;
    }
  }

  function userMessage(msg, ctx) {
    const t = ctx.t;
    switch (msg.type) {
      case "text":
        return el("div", "bubble user", msg.text);
      case "image":
        return image(ctx.base + "content/" + encodeURIComponent(msg.contentId), "photo");
      case "file": {
        const box = el("div", "bubble user file");
        box.appendChild(icon("clip"));
        box.appendChild(el("span", null, fill(t.file_sent, { name: msg.fileName, size: msg.fileSize })));
        return box;
      }
      case "location":
        return locationCard(msg, t.location);
      case "sticker": {
        // The emoji stands in for the sticker's picture; its keyword says which one it was
        // (and is all there is to see where no emoji font is installed).
        const node = el("div", "sticker");
        node.title = t.sticker + " " + msg.packageId + "/" + msg.stickerId;
        node.appendChild(el("span", "face", msg.emoji || ""));
        node.appendChild(el("small", "word", (msg.keywords || [])[0] || t.sticker_sent));
        return node;
      }
      default:
        return null;
    }
  }

  // One log entry -> one row of the chat.
  function entry(e, ctx) {
    const t = ctx.t;
    const msg = e.message || {};
    if (e.from === "system") {
      const text = msg.type === "violation" ? fill(t.violation, msg) : fill(t.notice, msg);
      return note(text, msg.type === "violation" ? "error" : "warn");
    }
    if (e.from === "user") {
      if (msg.type === "event") return note(msg.event === "follow" ? t.followed : t.unfollowed);
      if (msg.type === "postback") {
        const params = msg.params ? " " + JSON.stringify(msg.params) : "";
        return note(fill(t.postback, { data: msg.data }) + params, "faint");
      }
      const row = el("div", "row user");
      row.appendChild(el("span", "time", clock(e.time)));
      row.appendChild(userMessage(msg, ctx) || note(fill(t.unknown_type, msg)));
      return row;
    }
    const row = el("div", "row bot");
    const avatar = el("div", "avatar");
    avatar.title = ctx.accountName || "";
    avatar.appendChild(icon("building"));
    row.appendChild(avatar);
    const body = el("div", "bot-body");
    let node = null;
    try {
      node = botMessage(msg, ctx);
    } catch (err) {
      node = note(String(err), "error");
    }
    body.appendChild(node || note(fill(t.unknown_type, msg), "warn"));
    body.appendChild(el("span", "time", clock(e.time)));
    row.appendChild(body);
    return row;
  }

  window.DevchatRender = { el, safeUrl, fill, image, note, icon, clock, entry, actionButton };
})();
