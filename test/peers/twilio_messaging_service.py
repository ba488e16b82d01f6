"""A Python application sending through a Twilio Messaging Service, pointed at porm (test/twilio-messaging-service.test.ts).

Debian's python3-twilio, unmodified: twilio.rest.Client with its base URL set to porm (the one
line) creates three messages with messaging_service_sid and no from_, fetches one back, and
tries another account's service SID; then, with client.messaging.base_url set too, creates a
service, puts a number (POOL_NUMBER_SID) in it, sends through it and deletes it. Prints one JSON object and exits 0.

Environment: PORM_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, SERVICE_SID, OTHER_SERVICE_SID, POOL_NUMBER_SID, TO.
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
# The Messaging API's services, on porm with the same one line for its domain.
client.messaging.base_url = os.environ["PORM_URL"]
service = client.messaging.v1.services.create(friendly_name="From Python")
client.messaging.v1.services(service.sid).phone_numbers.create(phone_number_sid=os.environ["POOL_NUMBER_SID"])
numbers = [n.phone_number for n in client.messaging.v1.services(service.sid).phone_numbers.list()]
via = client.messages.create(to=os.environ["TO"], messaging_service_sid=service.sid, body="python service")
removed = client.messaging.v1.services(service.sid).delete()
managed = {"sid": service.sid, "name": service.friendly_name, "numbers": numbers, "from": via.from_, "deleted": removed}
print(json.dumps({"created": created, "fetched": {"messaging_service_sid": fetched.messaging_service_sid}, "refused": refused, "managed": managed}))
