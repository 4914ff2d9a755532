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
        return el("div", "sticker", "[" + t.sticker + " " + msg.packageId + "/" + msg.stickerId + "]");
      case "image":
        return image(msg.previewImageUrl || msg.originalContentUrl, "photo");
      case "location": {
        const box = el("div", "bubble bot location");
        box.appendChild(el("strong", null, "\u{1F4CD} " + (msg.title || "")));
        box.appendChild(el("div", null, msg.address || ""));
        box.appendChild(el("small", null, msg.latitude + ", " + msg.longitude));
        return box;
      }
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
      case "file":
        return el("div", "bubble user", "\u{1F4CE} " + fill(t.file_sent, { name: msg.fileName, size: msg.fileSize }));
      case "location": {
        const box = el("div", "bubble user location");
        box.appendChild(el("strong", null, "\u{1F4CD} " + (msg.title || t.location)));
        if (msg.address) box.appendChild(el("div", null, msg.address));
        box.appendChild(el("small", null, msg.latitude + ", " + msg.longitude));
        return box;
      }
      case "sticker":
        return el("div", "sticker", msg.emoji || t.sticker_sent);
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
      row.appendChild(userMessage(msg, ctx) || note(fill(t.unknown_type, msg)));
      return row;
    }
    const row = el("div", "row bot");
    row.appendChild(el("div", "avatar", "\u{1F3DB}"));
    const body = el("div", "bot-body");
    let node = null;
    try {
      node = botMessage(msg, ctx);
    } catch (err) {
      node = note(String(err), "error");
    }
    body.appendChild(node || note(fill(t.unknown_type, msg), "warn"));
    row.appendChild(body);
    return row;
  }

  window.DevchatRender = { el, safeUrl, fill, image, note, entry, actionButton };
})();
