# The repository the pipelines build from. CodeCommit is open only to accounts
# that already used it before July 2024; a new organisation needs a
# CodeStar connection source instead (see infra/README.md).
resource "aws_codecommit_repository" "this" {
  repository_name = var.name
  description     = var.description
  tags            = var.tags

  lifecycle {
    prevent_destroy = true
  }
}
