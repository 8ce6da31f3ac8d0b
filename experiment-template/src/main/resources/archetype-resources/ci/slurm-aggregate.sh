#!/usr/bin/env bash
# Merges the shards of slurm-array.sh into target/ssgan, checks them against the POM's rules and writes the site:
#   sbatch --dependency=afterok:<the array's job id> ci/slurm-aggregate.sh
# Outputs: target/ssgan-check/ (JUnit XML, summary.md), target/site/ssgan/index.html,
# target/<artifactId>-<version>-ssgan-results.zip. The job fails when a rule fails, after writing all of them.
#SBATCH --job-name=ssgan-aggregate
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=01:00:00
#SBATCH --output=slurm-ssgan-aggregate-%j.out
set -uo pipefail

mvn -B ssgan:aggregate -Dssgan.resultDirectories=results/shard-1,results/shard-2,results/shard-3,results/shard-4 \
    || exit 1
# goals, not mvn verify: that would train what is missing here, on one core
mvn -B ssgan:check; status=$?
mvn -B ssgan:attach-results site
exit $status
