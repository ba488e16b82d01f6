"""A Python application sending through a Twilio Messaging Service, pointed at porm (test/twilio-messaging-service.test.ts).

Debian's python3-twilio, unmodified: twilio.rest.Client with its base URL set to porm (the one
line) creates three messages with messaging_service_sid and no from_, fetches one back, and
tries another account's service SID. Prints one JSON object and exits 0.

Environment: PORM_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, SERVICE_SID, OTHER_SERVICE_SID, TO.
"""
import json
import os

from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

client = Client(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"])
client.api.base_url = os.environ["PORM_URL"]  # the one line

created = []
for i in range(3):
    m = client.messages.create(to=os.environ["TO"], messaging_service_sid=os.environ["SERVICE_SID"], body="python %d" % i)
    created.append({"sid": m.sid, "from": m.from_, "messaging_service_sid": m.messaging_service_sid})
fetched = client.messages(created[0]["sid"]).fetch()
refused = None
try:
    client.messages.create(to=os.environ["TO"], messaging_service_sid=os.environ["OTHER_SERVICE_SID"], body="not mine")
except TwilioRestException as err:
    refused = {"code": err.code, "status": err.status}
print(json.dumps({"created": created, "fetched": {"messaging_service_sid": fetched.messaging_service_sid}, "refused": refused}))
