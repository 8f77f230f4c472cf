namespace AwsAccess;
