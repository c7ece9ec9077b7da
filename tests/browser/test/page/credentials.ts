/**
 * The placeholder credentials the page uses, shared with the test so it can tell which of them
 * went over the wire. None is real: every request goes to a Prism mock on 127.0.0.1.
 */
export const CREDENTIALS = {
  stackProjectId: "6c4d2d5a-1f3e-4b8a-9a57-0f2f0e6b9c11",
  stackPublishableClientKey: "pck_bi910rr7sy57t8lgqizbv75lncc5o0yv86rq3w6jqsvfi",
  stackSession: {
    accessToken: "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIzYjJmMWM5ZS04YTRkLTRmNmItOWMxZS01ZDdhMmI4ZTRmMTAifQ.c2ln",
    refreshToken: "r8wq3n6kdx2ay7tbm5vz9ce4hj1fs0pgu6lo3ik8nr2xw",
  },
  stackSecretServerKey: "ssk_browser_test_must_never_be_sent_5b1d",
  stackerIntegrationKey: "ik_live_4c1d9e7a2b8f03d6",
  stackerAccountId: "acc_8f2d41",
  stackerStackId: "app785vwedw46e3bx8",
} as const;
