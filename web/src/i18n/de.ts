// The shared strings (en.ts) in German: the same keys, a missing one is a compile error.
import type { CommonKey } from "./en";

export const de: Record<CommonKey, string> = {
  "app.name": "Deskless",
  "app.loading": "Wird geladen…",
  "app.notFound": "Diese Seite gibt es nicht.",
  "app.toInbox": "Zum Posteingang",

  "signIn.title": "Anmelden",
  "signIn.organization": "Organisation",
  "signIn.email": "E-Mail",
  "signIn.password": "Passwort",
  "signIn.totp": "Code aus Ihrer Authenticator-App",
  "signIn.totpAsked": "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.",
  "signIn.submit": "Anmelden",
  "signIn.expired": "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um fortzufahren.",
  "signOut": "Abmelden",

  "invitation.title": "Einladung annehmen",
  "invitation.intro": "{organization} lädt {email} als {role} ein. Wählen Sie ein Passwort, um abzuschließen.",
  "invitation.password": "Neues Passwort",
  "invitation.submit": "Annehmen und anmelden",

  "reset.title": "Neues Passwort wählen",
  "reset.password": "Neues Passwort",
  "reset.totp": "Code aus Ihrer Authenticator-App (falls Sie eine nutzen)",
  "reset.submit": "Passwort setzen und anmelden",

  "linkSignIn.title": "Anmelden",
  "linkSignIn.working": "Sie werden angemeldet…",
  "linkSignIn.codeIntro": "Oder geben Sie den 6-stelligen Code aus der E-Mail ein.",
  "linkSignIn.code": "6-stelliger Code",
  "linkSignIn.submit": "Mit dem Code anmelden",

  "verify.title": "Adresse bestätigen",
  "verify.working": "Ihre Adresse wird bestätigt…",

  "ticketLink.title": "Ihre Anfrage",
  "ticketLink.working": "Ihre Anfrage wird geöffnet…",

  "rate.title": "Wie zufrieden waren Sie?",
  "rate.about": "Anfrage {number}: {subject}",
  "rate.good": "Gut",
  "rate.bad": "Schlecht",
  "rate.thanks": "Danke für Ihre Bewertung.",
  "rate.already": "Diese Anfrage wurde schon bewertet; eine neue Bewertung ersetzt die alte.",

  "link.missing": "Diese Seite braucht den Link aus Ihrer E-Mail. Öffnen Sie ihn noch einmal genau so, wie er gesendet wurde.",

  "error.invalid_link": "Dieser Link ist ungültig. Öffnen Sie ihn noch einmal genau so, wie er gesendet wurde, oder fordern Sie einen neuen an.",
  "error.link_used": "Dieser Link wurde schon benutzt. Fordern Sie einen neuen an, wenn Sie ihn noch brauchen.",
  "error.link_expired": "Dieser Link ist abgelaufen. Fordern Sie einen neuen an.",
  "error.link_revoked": "Dieser Link wurde zurückgezogen. Fordern Sie einen neuen an, wenn Sie ihn noch brauchen.",
  "error.invalid_credentials": "Organisation, E-Mail oder Passwort stimmen nicht.",
  "error.totp_required": "Geben Sie den Code aus Ihrer Authenticator-App ein.",
  "error.invalid_totp": "Dieser Code stimmt nicht. Versuchen Sie den aktuellen.",
  "error.invalid_code": "Dieser Code stimmt nicht oder ist abgelaufen.",
  "error.rate_limited": "Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es erneut.",
  "error.unreachable": "Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  "error.unauthorized": "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.",
  "error.invalid_request": "Einige Angaben stimmen nicht: {details}",
  "error.other": "Etwas ist schiefgegangen: {message}",
};
