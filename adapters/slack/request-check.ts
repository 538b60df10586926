/** What a signed Slack request turned out to be, after {@link checkSlackBody}. */
export type SlackBodyCheck =
  | { kind: "url-verification"; challenge: string }
  /** A request the bot handles; `key` identifies its delivery, so a replay or a retry is carried out once. */
  | { kind: "event" | "command" | "action"; key: string }
  /** A well-formed request of a kind the bot does not use (a shortcut, a modal); acknowledged, nothing done. */
  | { kind: "unused"; type: string }
  | { kind: "invalid"; reason: string };

/** Interactivity payloads Slack may send that the bot registers no listener for. */
const UNUSED_TYPES = new Set([
  "app_rate_limited",
  "block_suggestion",
  "interactive_message",
  "message_action",
  "shortcut",
  "view_closed",
  "view_submission",
]);

type Body = Record<string, unknown>;

const isRecord = (value: unknown): value is Body =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

/**
 * Checks a parsed request body against the shapes the handlers rely on, before anything is acknowledged or
 * carried out: a slash command needs its response_url, user, channel and trigger_id; an event callback its
 * event_id and an event with a type; a block action a user and actions with an action_id each. Bodies Slack
 * does not send (JSON `null`, an empty object) are invalid.
 */
export function checkSlackBody(body: unknown): SlackBodyCheck {
  if (!isRecord(body)) return invalid("the body is not an object");
  if (isText(body.command)) return checkCommand(body);
  switch (body.type) {
    case "url_verification":
      return isText(body.challenge)
        ? { kind: "url-verification", challenge: body.challenge }
        : invalid("url_verification without a challenge");
    case "event_callback":
      return checkEvent(body);
    case "block_actions":
      return checkAction(body);
    default:
      return typeof body.type === "string" && UNUSED_TYPES.has(body.type)
        ? { kind: "unused", type: body.type }
        : invalid("neither a slash command, an event nor an interaction");
  }
}

function checkCommand(body: Body): SlackBodyCheck {
  if (!isHttpUrl(body.response_url)) return invalid("a slash command without a response_url");
  if (!isText(body.user_id) || !isText(body.channel_id))
    return invalid("a slash command without a user or channel");
  if (!isText(body.trigger_id)) return invalid("a slash command without a trigger_id");
  return { kind: "command", key: `command:${body.trigger_id}` };
}

function checkEvent(body: Body): SlackBodyCheck {
  if (!isText(body.event_id)) return invalid("an event callback without an event_id");
  if (!isRecord(body.event) || !isText(body.event.type)) return invalid("an event callback without an event");
  return { kind: "event", key: `event:${body.event_id}` };
}

function checkAction(body: Body): SlackBodyCheck {
  if (!isRecord(body.user) || !isText(body.user.id)) return invalid("a block action without a user");
  const { actions } = body;
  if (!Array.isArray(actions) || actions.length === 0) return invalid("a block action without actions");
  if (!actions.every((action) => isRecord(action) && isText(action.action_id) && isText(action.type)))
    return invalid("a block action whose actions lack an action_id or type");
  // A trigger_id is unique per click; without one, the first action's timestamp tells clicks apart.
  const first = actions[0] as Body;
  const id = isText(body.trigger_id)
    ? body.trigger_id
    : isText(first.action_ts)
      ? first.action_ts
      : undefined;
  if (id === undefined) return invalid("a block action without a trigger_id");
  return { kind: "action", key: `action:${id}` };
}

function isHttpUrl(value: unknown): value is string {
  if (!isText(value)) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}

const invalid = (reason: string): SlackBodyCheck => ({ kind: "invalid", reason });
