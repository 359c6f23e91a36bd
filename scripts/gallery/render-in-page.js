// Runs in the gallery page (plain browser JavaScript, loaded after adaptivecards.js).
// window.lokusRender(card, hostConfig) renders one card into #card with the official renderer and
// returns its problems: the renderer's parse and validation errors, and text that is cut off or
// sticks out of the card at the page's width.
window.lokusRender = function lokusRender(cardJson, hostConfig) {
  const AC = window.AdaptiveCards;
  const host = document.getElementById('card');
  host.innerHTML = '';
  const problems = [];
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(hostConfig);
  const context = new AC.SerializationContext();
  card.parse(cardJson, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`renderer: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) problems.push(`renderer: ${e.message}`);
  const element = card.render();
  if (!element) return [...problems, 'renderer produced nothing'];
  host.appendChild(element);
  const describe = (e) => `${e.className || e.tagName} "${(e.textContent || '').trim().slice(0, 50)}"`;
  const box = host.getBoundingClientRect();
  for (const e of host.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > box.right + 0.5 || r.left < box.left - 0.5) problems.push(`sticks out of the card: ${describe(e)}`);
  }
  // Text the renderer clips (nowrap + ellipsis, maxLines, narrow buttons) has more content than room in
  // some element that hides its overflow: any such element anywhere in the card counts.
  for (const e of host.querySelectorAll('*')) {
    const style = getComputedStyle(e);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    if (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) problems.push(`text cut off: ${describe(e)}`);
  }
  return problems;
};
