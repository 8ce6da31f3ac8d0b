#!/usr/bin/env bash
# Trains the experiments of pom.xml as a Slurm job array, one shard per task, into results/shard-<n>. From the
# project directory on the login node, submit it and the merge, which starts once every task has succeeded:
#
#   jobid=$(sbatch --parsable ci/slurm-array.sh)
#   sbatch --dependency=afterok:$jobid ci/slurm-aggregate.sh
#
# (afterany instead of afterok merges and checks what the tasks finished even when one failed: the check then fails
# naming the missing runs.) SLURM_ARRAY_TASK_ID counts from 1, like the shards. To change the shard count, change
# --array and every /4 (here and in slurm-aggregate.sh). Compute nodes are often offline: fill ~/.m2 and the MNIST
# cache (~/.cache/ssgan/mnist) on the login node first with a smoke run,
#   mvn ssgan:train -Dssgan.epochs=1 -Dssgan.trainLimit=600 -Dssgan.outputDirectory=/tmp/prime
# and add -o to the mvn lines below.
#SBATCH --job-name=ssgan-train
#SBATCH --array=1-4
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=12:00:00
#SBATCH --output=slurm-ssgan-train-%A_%a.out
set -euo pipefail

# A fixed thread count on every shard: results are bit-identical for a fixed count only. A requeued task resumes
# its runs from their checkpoints.
mvn -B ssgan:train -Dssgan.shard=${SLURM_ARRAY_TASK_ID}/4 -Dssgan.threads=${SLURM_CPUS_PER_TASK} \
    -Dssgan.outputDirectory=results/shard-${SLURM_ARRAY_TASK_ID}
