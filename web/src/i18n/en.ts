// The strings every part of the app shares (sign-in, the mailed-link pages, errors), in English.
// The agent workspace's strings are in agent.ts, the portal's in portal.ts; each area keeps its
// English and German side by side, and index.ts makes a key missing in a language a compile error.
export const en = {
  "app.name": "Deskless",
  "app.loading": "Loading…",
  "app.notFound": "This page does not exist.",
  "app.toInbox": "Go to the inbox",

  "signIn.title": "Sign in",
  "signIn.organization": "Organization",
  "signIn.email": "Email",
  "signIn.password": "Password",
  "signIn.totp": "Code from your authenticator app",
  "signIn.totpAsked": "Enter the 6-digit code from your authenticator app.",
  "signIn.submit": "Sign in",
  "signIn.expired": "Your session has ended. Sign in again to continue.",
  "signOut": "Sign out",


  "invitation.title": "Accept your invitation",
  "invitation.intro": "{organization} invites {email} to join as {role}. Choose a password to finish.",
  "invitation.password": "New password",
  "invitation.submit": "Accept and sign in",

  "reset.title": "Choose a new password",
  "reset.password": "New password",
  "reset.totp": "Code from your authenticator app (if you use one)",
  "reset.submit": "Set the password and sign in",

  "linkSignIn.title": "Sign in",
  "linkSignIn.working": "Signing you in…",
  "linkSignIn.codeIntro": "Or enter the 6-digit code from the mail.",
  "linkSignIn.code": "6-digit code",
  "linkSignIn.submit": "Sign in with the code",

  "verify.title": "Confirm your address",
  "verify.working": "Confirming your address…",

  "ticketLink.title": "Your request",
  "ticketLink.working": "Opening your request…",

  "rate.title": "How did we do?",
  "rate.about": "Request {number}: {subject}",
  "rate.good": "Good",
  "rate.bad": "Bad",
  "rate.thanks": "Thank you for your rating.",
  "rate.already": "This request has already been rated; a new rating replaces it.",

  "link.missing": "This page needs the link from your mail. Open the link again, exactly as it was sent.",

  "error.invalid_link": "This link is not valid. Open the link again, exactly as it was sent, or ask for a new one.",
  "error.link_used": "This link has already been used. Ask for a new one if you still need it.",
  "error.link_expired": "This link has expired. Ask for a new one.",
  "error.link_revoked": "This link was withdrawn. Ask for a new one if you still need it.",
  "error.invalid_credentials": "The organization, email or password is not right.",
  "error.totp_required": "Enter the code from your authenticator app.",
  "error.invalid_totp": "That code is not right. Try the current one.",
  "error.invalid_code": "That code is not right, or it has expired.",
  "error.rate_limited": "Too many attempts. Wait a moment and try again.",
  "error.unreachable": "The service cannot be reached. Check your connection and try again.",
  "error.unauthorized": "Your session has ended. Sign in again.",
  "error.invalid_request": "Some fields are not right: {details}",
  "error.other": "Something went wrong: {message}",
} as const;

export type CommonKey = keyof typeof en;
