"""Sets up a moto server for restore's tests (testkit MotoServer): an IAM user with an access key
allowed kms:Encrypt, sts:AssumeRole and s3:* on restore-* buckets, a role that may use KMS, and a KMS key; or encrypts with a key.

Usage: moto_setup.py setup <endpoint>
       moto_setup.py encrypt <endpoint> <accessKeyId> <secret> <keyArn> <base64 plaintext>
Prints one JSON object.
"""
import base64
import json
import sys

import boto3

# The user may encrypt and assume the role; only the role may decrypt, so a decrypt that works
# proves the role's session credentials were used.
USER = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["kms:Encrypt", "sts:AssumeRole"], "Resource": "*"},
    # dump destinations (io.restore.dump.storage tests): buckets named restore-* only
    {"Effect": "Allow", "Action": ["s3:*"],
     "Resource": ["arn:aws:s3:::restore-*", "arn:aws:s3:::restore-*/*"]}]}
ROLE = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["kms:*"], "Resource": "*"}]}
TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}


def client(service, endpoint, key="setup", secret="setup"):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=key, aws_secret_access_key=secret)


def setup(endpoint):
    # Exactly six calls: MotoServer starts moto with INITIAL_NO_AUTH_ACTION_COUNT=6.
    iam = client("iam", endpoint)
    iam.create_user(UserName="restore-test")
    iam.put_user_policy(UserName="restore-test", PolicyName="kms",
                        PolicyDocument=json.dumps(USER))
    key = iam.create_access_key(UserName="restore-test")["AccessKey"]
    role = iam.create_role(RoleName="restore-kms", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_policy(RoleName="restore-kms", PolicyName="kms", PolicyDocument=json.dumps(ROLE))
    arn = client("kms", endpoint).create_key()["KeyMetadata"]["Arn"]
    return {"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"],
            "roleArn": role["Role"]["Arn"], "keyArn": arn}


def encrypt(endpoint, key, secret, arn, plaintext):
    blob = client("kms", endpoint, key, secret).encrypt(
        KeyId=arn, Plaintext=base64.b64decode(plaintext))["CiphertextBlob"]
    return {"ciphertext": base64.b64encode(blob).decode()}


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        print(json.dumps(setup(sys.argv[2])))
    else:
        print(json.dumps(encrypt(*sys.argv[2:7])))
