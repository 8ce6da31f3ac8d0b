#!/usr/bin/env bash
# Trains the grid of this project's POM as a Slurm job array, one shard per array task, then merges the shards and
# writes the report in a job that starts when every task has succeeded. From the project directory, on the login
# node:
#
#   bash examples/ci/slurm-array.sh         # submits the array and the merge
#
# Compute nodes are often offline: fill ~/.m2 and the MNIST cache (~/.cache/ssgan/mnist) on the login node first,
# e.g. with one quick `mvn ssgan:train -Dssgan.epochs=1 -Dssgan.trainLimit=600 -Dssgan.outputDirectory=/tmp/prime`,
# or point -Dssgan.dataDirectory at a shared copy of the four MNIST files. Keep --array's upper bound and SHARDS equal.
#SBATCH --job-name=ssgan
#SBATCH --array=1-4
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=24:00:00
#SBATCH --output=slurm-ssgan-%A_%a.out
set -euo pipefail

SHARDS=4
MVN=(mvn -B -o -Djavacpp.platform=linux-x86_64)

if [[ -z "${SLURM_ARRAY_TASK_ID:-}" ]]; then
    # on the login node: submit the array, and the merge to run once every task has succeeded
    array=$(sbatch --parsable "$0")
    sbatch --dependency="afterok:${array}" --job-name=ssgan-aggregate --cpus-per-task=1 --mem=2G \
        --time=01:00:00 --output=slurm-ssgan-aggregate-%j.out \
        --wrap="${MVN[*]} ssgan:aggregate -Dssgan.resultDirectories=$(seq -s, -f 'results/shard-%g' 1 "$SHARDS") \
-Dssgan.outputDirectory=results/merged && ${MVN[*]} ssgan:report -Dssgan.resultDirectories=results/merged"
    echo "submitted array ${array} (${SHARDS} shards) and its merge into results/merged"
    exit 0
fi

# one array task: shard SLURM_ARRAY_TASK_ID of SHARDS, with a thread count fixed by the allocation (results are
# bit-identical for a fixed thread count only). A requeued task resumes its runs from their checkpoints.
"${MVN[@]}" ssgan:train \
    -Dssgan.shard="${SLURM_ARRAY_TASK_ID}/${SHARDS}" \
    -Dssgan.threads="${SLURM_CPUS_PER_TASK:-4}" \
    -Dssgan.outputDirectory="results/shard-${SLURM_ARRAY_TASK_ID}"
