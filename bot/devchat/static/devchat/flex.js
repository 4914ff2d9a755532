/* A small Flex Message renderer: bubble, carousel, box, text/span, separator, button, image, icon,
   filler. Close enough to judge layout and wording; not pixel-exact. */
(function () {
  "use strict";
  const R = window.DevchatRender;
  const SPACE = { none: "0", xs: "2px", sm: "4px", md: "8px", lg: "12px", xl: "16px", xxl: "20px" };
  const FONT = { xxs: "10px", xs: "12px", sm: "13px", md: "15px", lg: "17px", xl: "20px",
                 xxl: "24px", "3xl": "30px", "4xl": "40px", "5xl": "60px" };
  const IMAGE = { xxs: "40px", xs: "60px", sm: "80px", md: "100px", lg: "120px", xl: "140px",
                  xxl: "160px", "3xl": "180px", "4xl": "200px", "5xl": "240px", full: "100%" };
  const ICON = { xxs: "10px", xs: "12px", sm: "13px", md: "15px", lg: "17px", xl: "20px", xxl: "24px" };
  const RADIUS = { none: "0", xs: "2px", sm: "4px", md: "8px", lg: "12px", xl: "16px", xxl: "20px" };
  const BORDER = { none: "0", light: "0.5px", normal: "1px", medium: "2px", "semi-bold": "3px", bold: "4px" };
  const BUBBLE = { nano: "120px", micro: "160px", deca: "220px", hecto: "240px", kilo: "260px",
                   mega: "300px", giga: "386px" };

  // A block's default padding sits on its root box (so a header box's colour fills the header),
  // by bubble size: [top, right, bottom, left]; footer 10px all round; body bottom when a footer follows.
  const BLOCK_PAD = {
    nano: { header: [10, 10, 10, 10], body: [10, 10, 10, 10], bodyAboveFooter: 10 },
    micro: { header: [10, 10, 10, 10], body: [10, 10, 10, 10], bodyAboveFooter: 10 },
    kilo: { header: [13, 13, 13, 13], body: [13, 13, 13, 13], bodyAboveFooter: 17 },
    deca: { header: [11, 14, 13, 14], body: [11, 14, 13, 14], bodyAboveFooter: 17 },
    hecto: { header: [11, 14, 13, 14], body: [11, 14, 13, 14], bodyAboveFooter: 17 },
    mega: { header: [20, 20, 20, 20], body: [19, 20, 20, 20], bodyAboveFooter: 10 },
    giga: { header: [20, 20, 20, 20], body: [19, 20, 20, 20], bodyAboveFooter: 10 },
  };
  const SMALL_CORNERS = { nano: 1, micro: 1, kilo: 1, deca: 1, hecto: 1 };

  const px = (table, value) => (value in table ? table[value] : value);

  function blockPadding(node, box, block, size, hasFooter) {
    if (!box || box.type !== "box" || block === "hero") return;
    if (["paddingAll", "paddingTop", "paddingBottom", "paddingStart", "paddingEnd"].some((k) => box[k])) return;
    const table = BLOCK_PAD[size] || BLOCK_PAD.mega;
    const pad = block === "footer" ? [10, 10, 10, 10] : (table[block] || table.body).slice();
    if (block === "body" && hasFooter) pad[2] = table.bodyAboveFooter;
    node.style.padding = pad.map((v) => v + "px").join(" ");
  }

  function clickable(node, action, ctx) {
    if (!action) return;
    node.classList.add("clickable");
    node.addEventListener("click", (ev) => {
      ev.stopPropagation();
      ctx.act(action);
    });
  }

  // Properties every component may carry: flex, margin, position/offsets.
  function common(node, c, parent) {
    const horizontal = parent === "horizontal" || parent === "baseline";
    const grow = c.flex !== undefined ? c.flex : horizontal ? 1 : 0;
    node.style.flex = grow + " " + (horizontal ? 1 : 0) + " " + (horizontal ? "0" : "auto");
    if (horizontal) node.style.minWidth = "0";
    if (c.margin) node.style[horizontal ? "marginLeft" : "marginTop"] = px(SPACE, c.margin);
    if (c.position === "absolute") node.style.position = "absolute";
    ["Top", "Bottom", "Start", "End"].forEach((side) => {
      const v = c["offset" + side];
      if (!v) return;
      const prop = side === "Start" ? "left" : side === "End" ? "right" : side.toLowerCase();
      node.style[prop] = px(SPACE, v);
      if (c.position !== "absolute") node.style.position = "relative";
    });
    if (c.gravity) node.style.alignSelf = { top: "flex-start", bottom: "flex-end", center: "center" }[c.gravity];
  }

  function box(c, ctx) {
    const node = R.el("div", "fx-box fx-" + (c.layout || "vertical"));
    if (c.spacing) node.style.gap = px(SPACE, c.spacing);
    if (c.backgroundColor) node.style.backgroundColor = c.backgroundColor;
    if (c.borderColor) node.style.borderColor = c.borderColor;
    if (c.borderWidth) node.style.borderStyle = "solid";
    if (c.borderWidth) node.style.borderWidth = px(BORDER, c.borderWidth);
    if (c.cornerRadius) node.style.borderRadius = px(RADIUS, c.cornerRadius);
    ["width", "maxWidth", "height", "maxHeight"].forEach((k) => { if (c[k]) node.style[k] = c[k]; });
    if (c.paddingAll) node.style.padding = px(SPACE, c.paddingAll);
    ["Top", "Bottom", "Start", "End"].forEach((side) => {
      const v = c["padding" + side];
      if (v) node.style["padding" + (side === "Start" ? "Left" : side === "End" ? "Right" : side)] = px(SPACE, v);
    });
    if (c.justifyContent) node.style.justifyContent = c.justifyContent;
    if (c.alignItems) node.style.alignItems = c.alignItems;
    if (c.background && c.background.type === "linearGradient") {
      node.style.background = "linear-gradient(" + (c.background.angle || "0deg") + ", " +
        (c.background.startColor || "#fff") + ", " + (c.background.endColor || "#fff") + ")";
    }
    (c.contents || []).forEach((child) => node.appendChild(component(child, c.layout, ctx)));
    clickable(node, c.action, ctx);
    return node;
  }

  function styleText(node, c) {
    if (c.size) node.style.fontSize = px(FONT, c.size);
    if (c.weight === "bold") node.style.fontWeight = "bold";
    if (c.color) node.style.color = c.color;
    if (c.style === "italic") node.style.fontStyle = "italic";
    if (c.decoration && c.decoration !== "none") node.style.textDecoration = c.decoration;
  }

  function text(c, ctx) {
    const node = R.el("div", "fx-text" + (c.wrap ? " wrap" : ""));
    if (Array.isArray(c.contents) && c.contents.length) {
      c.contents.forEach((s) => {
        const span = R.el("span", null, s.text);
        styleText(span, s);
        node.appendChild(span);
      });
    } else {
      node.textContent = c.text || "";
    }
    styleText(node, c);
    if (c.align) node.style.textAlign = { start: "left", end: "right", center: "center" }[c.align];
    if (c.lineSpacing) node.style.lineHeight = "calc(1.3em + " + c.lineSpacing + ")";
    if (c.maxLines) {
      node.style.webkitLineClamp = String(c.maxLines);
      node.classList.add("clamp");
    }
    clickable(node, c.action, ctx);
    return node;
  }

  function button(c, ctx) {
    const style = c.style || "link";
    const node = R.actionButton(c.action, ctx, "fx-button " + style + (c.height === "sm" ? " sm" : ""));
    if (c.color) node.style[style === "link" ? "color" : "backgroundColor"] = c.color;
    return node;
  }

  function imageComponent(c, ctx) {
    const wrap = R.el("div", "fx-image");
    const img = R.image(c.url);
    wrap.style.width = px(IMAGE, c.size || "md");
    wrap.style.maxWidth = "100%";
    const ratio = (c.aspectRatio || "1:1").split(":");
    img.style.aspectRatio = ratio[0] + " / " + (ratio[1] || 1);
    img.style.objectFit = c.aspectMode === "cover" ? "cover" : "contain";
    if (c.backgroundColor) img.style.backgroundColor = c.backgroundColor;
    wrap.style.alignSelf = { start: "flex-start", end: "flex-end" }[c.align] || "center";
    wrap.appendChild(img);
    clickable(wrap, c.action, ctx);
    return wrap;
  }

  function component(c, parent, ctx) {
    let node;
    switch (c && c.type) {
      case "box": node = box(c, ctx); break;
      case "text": node = text(c, ctx); break;
      case "button": node = button(c, ctx); break;
      case "image": node = imageComponent(c, ctx); break;
      case "icon":
        node = R.image(c.url, "fx-icon");
        node.style.height = px(ICON, c.size || "md");
        break;
      case "separator":
        node = R.el("div", "fx-separator");
        if (c.color) node.style.borderColor = c.color;
        break;
      case "filler":
      case "spacer":
        node = R.el("div", "fx-filler");
        break;
      case "video":
        return component(c.altContent || { type: "filler" }, parent, ctx);
      default:
        return R.note(R.fill(ctx.t.unknown_type, { type: "flex/" + (c && c.type) }), "warn");
    }
    common(node, c, parent);
    return node;
  }

  function bubble(b, ctx) {
    const size = BUBBLE[b.size] ? b.size : "mega";
    const node = R.el("div", "fx-bubble" + (SMALL_CORNERS[size] ? " small" : ""));
    node.style.width = BUBBLE[size];
    const styles = b.styles || {};
    ["header", "hero", "body", "footer"].forEach((block) => {
      if (!b[block]) return;
      const part = R.el("div", "fx-block fx-" + block);
      const st = styles[block] || {};
      if (st.backgroundColor) part.style.backgroundColor = st.backgroundColor;
      if (st.separator) part.style.borderTop = "1px solid " + (st.separatorColor || "#ddd");
      const child = component(b[block], "vertical", ctx);
      blockPadding(child, b[block], block, size, Boolean(b.footer));
      if (block === "hero" && b[block].type === "image") child.style.width = "100%";
      part.appendChild(child);
      node.appendChild(part);
    });
    clickable(node, b.action, ctx);
    return node;
  }

  function container(c, ctx) {
    if (c.type === "carousel") {
      const row = R.el("div", "carousel");
      (c.contents || []).forEach((b) => row.appendChild(bubble(b, ctx)));
      return row;
    }
    return bubble(c, ctx);
  }

  window.DevchatFlex = { container, bubble, component };
})();
