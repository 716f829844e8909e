"""What the browser tests check on every page, beside axe-core: written once, used by every test.

* `sideways_scroll`: WCAG 1.4.10 Reflow: at 320 CSS pixels nothing may need horizontal scrolling.
* `overlapping_text`: two pieces of text drawn over each other (columns that collide, a label under
  a value); checked on the text's own boxes, so nested elements do not count.
* `duplicate_ids`: decided here rather than left as axe's "needs review".
"""

SIDEWAYS_SCROLL = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

# The element that sticks out furthest, to name in a failure.
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  let found = '', right = limit;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > right + 0.5 && !el.closest('.table-scroll')) {
      right = r.right;
      found = el.tagName.toLowerCase() + '.' + String(el.className).split(' ').join('.') + ': ' + (el.textContent || '').trim().slice(0, 50);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || node.parentElement.closest('.table-scroll')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.right > right + 0.5) {
        right = r.right;
        found = 'text in ' + node.parentElement.tagName.toLowerCase() + '.' + String(node.parentElement.className).split(' ').join('.') + ': ' + node.textContent.trim().slice(0, 50);
      }
    }
  }
  return found;
}"""


OVERLAPPING_TEXT = """() => {
  const boxes = [];
  const drawn = el => !el.closest('.visually-hidden, svg, script, style, noscript')
    && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true, contentVisibilityAuto: true});
  // Text, by its own line boxes (not its element's), so that nested elements never count.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT });
  while (walker.nextNode()) {
    const node = walker.currentNode, owner = node.parentElement;
    if (!drawn(owner)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 1 && r.height > 1) boxes.push({x: r.left, y: r.top, w: r.width, h: r.height, node, owner, text: node.textContent.trim().slice(0, 40)});
    }
  }
  // Controls: text running into a radio button or a field is as unreadable as text over text.
  for (const el of document.body.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
    const r = el.getBoundingClientRect();
    if (drawn(el) && r.width > 1 && r.height > 1) boxes.push({x: r.left, y: r.top, w: r.width, h: r.height, node: el, owner: el, text: '<' + el.tagName.toLowerCase() + '>'});
  }
  boxes.sort((a, b) => a.y - b.y);
  const found = [];
  for (let i = 0; i < boxes.length && found.length < 5; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].y < boxes[i].y + boxes[i].h; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.node === b.node || a.owner.contains(b.node) || b.owner.contains(a.node)) continue;
      const wide = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const high = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (wide > 3 && high > Math.min(a.h, b.h) / 2) found.push(a.text + ' × ' + b.text);
    }
  }
  return found;
}"""


DUPLICATE_IDS = """() => {
  const seen = {}, twice = [];
  for (const el of document.querySelectorAll('[id]')) { if (seen[el.id]) twice.push(el.id); seen[el.id] = true; }
  return twice;
}"""

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Two of axe's "best practice" rules support success criteria the audit found broken: landmarks with
# the same name (2.4.1, 1.3.1) and a page without a first-level heading (2.4.6, 1.3.1).
AXE_EXTRA_RULES = ["landmark-unique", "page-has-heading-one"]
AXE_RUN = """([tags, extra]) => axe.run(document, {runOnly: {type: 'tag', values: tags},
  rules: Object.fromEntries(extra.map(id => [id, {enabled: true}])), resultTypes: ['violations', 'incomplete']})"""


def axe(page) -> dict:
    return page.evaluate(AXE_RUN, [AXE_TAGS, AXE_EXTRA_RULES])


def criteria_of(rule: dict) -> list[str]:
    """axe tags a rule "wcag143" for success criterion 1.4.3; the numbers are one digit each part,
    but for 1.4.10 and up ("wcag1410")."""
    found = []
    for tag in rule.get("tags", []):
        digits = tag.removeprefix("wcag")
        if tag.startswith("wcag") and digits.isdigit() and len(digits) >= 3:
            found.append(f"{digits[0]}.{digits[1]}.{digits[2:]}")
    return found


# Text cut off by a box that hides what does not fit (overflow hidden or clip, with more content).
CLIPPED = """() => {
  const cut = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (!['hidden', 'clip'].includes(style.overflowX) && !['hidden', 'clip'].includes(style.overflowY)) continue;
    if (el.closest('.visually-hidden') || !el.textContent.trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) cut.push(el.tagName.toLowerCase() + '.' + el.className);
  }
  return cut.slice(0, 5);
}"""

# WCAG 1.4.12 Text Spacing: the user's own spacing must not lose content.
TEXT_SPACING_CSS = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""
# WCAG 1.4.4 Resize text: text at 200%.
TEXT_200_CSS = "html { font-size: 200% !important; }"

# Decide what axe leaves as "needs review" for colour contrast: the element's text colour against
# the first opaque background behind it. null when that cannot be known (an image or gradient).
CONTRAST_OF = """selector => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const rgba = text => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = c => { c = c / 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let background = null;
  for (let node = el; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.backgroundImage !== 'none') return null;
    const colour = rgba(style.backgroundColor);
    if (colour.length === 3 || (colour.length === 4 && colour[3] === 1)) { background = colour.slice(0, 3); break; }
  }
  background = background || [255, 255, 255];
  const foreground = rgba(getComputedStyle(el).color).slice(0, 3);
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}"""


# Controls drawn in the error colour although nobody marked them wrong (a required field untouched).
ERROR_STYLE_BEFORE_ANY_ERROR = """() => {
  const colour = (token) => {
    const probe = document.createElement('div');
    probe.style.color = `var(${token})`;
    document.body.appendChild(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  };
  const error = colour('--basis-form-control-invalid-border-color');
  if (error === colour('--basis-form-control-border-color')) return ['the error colour is the normal colour'];
  const found = [];
  for (const el of document.querySelectorAll('input:not([type=hidden], [type=submit]), textarea, select')) {
    if (el.closest('[aria-invalid=true], .utrecht-form-field--invalid, .utrecht-form-fieldset--invalid')) continue;
    if (getComputedStyle(el).borderTopColor === error) found.push(el.name || el.id);
  }
  return [...new Set(found)];
}"""
