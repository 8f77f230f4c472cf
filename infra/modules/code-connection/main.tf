# Connections (AWS CodeConnections, the provider's aws_codestarconnections_connection) to the
# hosts the pipelines' sources live on: one per environment whose source is not CodeCommit, so
# that only that environment's pipeline and build roles may use it (IAM names it). Each starts
# PENDING: a person completes the handshake once in the console (Developer Tools → Settings →
# Connections → Update pending connection) before the first pipeline run can read the repository.
resource "aws_codestarconnections_connection" "this" {
  for_each = var.connections

  name          = each.value.name
  provider_type = each.value.provider
  tags          = var.tags
}
