/* Generated from shared/spec/paper-reference.json (the authors' notebook and paper numbers, spec §8); do not edit by hand. */
const PAPER_REFERENCE = {
    "meta": {
        "description": "Reference values for reproducing the Semi-Truths (NeurIPS 2024 D&B) detector evaluation. 'notebook' = full-precision values from the stored outputs of the authors' evaluation notebook (fractions in [0,1], printed to 6 decimals). 'paper' = values printed in the June 2024 submission version (percent). Figure values are round(x*100) as bar labels.",
        "detector_names": {
            "DinoV2": "DINOv2",
            "CNNSpot": "CNNSpot",
            "DIRE": "DIRE",
            "UniversalFakeDetect": "UniversalFakeDetect (UnivFD)",
            "CrossEfficientNet": "CrossEfficientViT",
            "De-Fake": "DE-FAKE"
        },
        "detectors_in_slice_analyses": [
            "UniversalFakeDetect",
            "CrossEfficientNet",
            "De-Fake"
        ],
        "label_encoding": {
            "real": 0,
            "fake": 1
        },
        "metric_keys": {
            "accuracy": "accuracy_score",
            "precision_macro": "macro precision over labels present",
            "recall_macro": "macro recall",
            "f1_macro": "macro F1",
            "precision_real": "class 0",
            "precision_fake": "class 1",
            "recall_real": "class 0",
            "recall_fake": "class 1 (detection rate)",
            "f1_real": "class 0",
            "f1_fake": "class 1"
        },
        "tolerance": {
            "notebook_fraction_abs": 5e-07,
            "table3_paper_percent_abs": 0.01,
            "figure_integer": "round-half-even(x*100) equals printed value (|x*100 - printed| <= 0.5)",
            "table4_percent": "exact at 2 decimals; round x*100 to 2 dp as numpy does (round half to even)"
        },
        "bin_convention_fig7": {
            "bin1": "small",
            "bin3": "medium",
            "bin5": "large",
            "dropped": [
                "bin2",
                "bin4"
            ]
        },
        "caveat": "Camera-ready (Nov 2024) result tables were not checked; all paper values are from the submission version."
    },
    "eval_sample": {
        "rows_total": 87875,
        "rows_by_dataset": {
            "CelebAHQ": 16107,
            "ADE20K": 15759,
            "HumanParsing": 14753,
            "CityScapes": 14697,
            "OpenImages": 13376,
            "SUN_RGBD": 13183
        },
        "rows_by_dataset_note": "Counted on the first detector's merged table (all rows, with or without a prediction).",
        "paper_text": {
            "real": 27000,
            "fake": 60000,
            "total": 87000,
            "described_as": "10% sample"
        },
        "implied_real_share_of_scored_rows": {
            "DinoV2": 0.3718,
            "CNNSpot": 0.3527,
            "DIRE": 0.3718,
            "UniversalFakeDetect": 0.3527,
            "CrossEfficientNet": 0.3727,
            "De-Fake": 0.3527
        },
        "implied_real_share_note": "Derived as (accuracy - recall_fake)/(recall_real - recall_fake); approximate. CNNSpot implies about 30.9k real and 56.8k fake scored rows (87.2k-88.1k total); DinoV2 and DIRE imply about 83k scored rows. CNNSpot and DIRE both imply exactly 1 true positive and 3 false positives.",
        "semantic_pairs": {
            "n_pairs_count_gt_10": 335,
            "most_frequent": [
                [
                    "hair",
                    "wig",
                    412
                ],
                [
                    "wall",
                    "wall with added texture",
                    255
                ],
                [
                    "hair",
                    "hair with more volume",
                    242
                ],
                [
                    "vegetation",
                    "tree",
                    225
                ],
                [
                    "wall",
                    "wallpaper",
                    220
                ]
            ],
            "least_frequent_kept": [
                [
                    "road",
                    "car",
                    11
                ],
                [
                    "dress",
                    "the dress with a sheer overlay",
                    11
                ],
                [
                    "cloth",
                    "silk scarf",
                    11
                ],
                [
                    "grass",
                    "trees",
                    11
                ],
                [
                    "coffee cup",
                    "mug",
                    11
                ]
            ],
            "paper_claims_most_frequent_count": 445
        }
    },
    "table3_overall": {
        "slice": "all scored rows (real+fake)",
        "detectors": {
            "DinoV2": {
                "notebook": {
                    "accuracy": 0.371672,
                    "precision_macro": 0.292992,
                    "recall_macro": 0.499851,
                    "f1_macro": 0.271008,
                    "precision_real": 0.371698,
                    "precision_fake": 0.214286,
                    "recall_real": 0.999645,
                    "recall_fake": 5.7e-05,
                    "f1_real": 0.541901,
                    "f1_fake": 0.000115
                },
                "paper_percent": {
                    "precision_macro": 29.3,
                    "precision_real": 37.17,
                    "precision_fake": 21.43,
                    "recall_macro": 49.99,
                    "recall_real": 99.96,
                    "recall_fake": 0.01
                }
            },
            "CNNSpot": {
                "notebook": {
                    "accuracy": 0.352694,
                    "precision_macro": 0.301349,
                    "recall_macro": 0.49996,
                    "f1_macro": 0.260748,
                    "precision_real": 0.352699,
                    "precision_fake": 0.25,
                    "recall_real": 0.999903,
                    "recall_fake": 1.8e-05,
                    "f1_real": 0.521461,
                    "f1_fake": 3.5e-05
                },
                "paper_percent": {
                    "precision_macro": 30.13,
                    "precision_real": 35.27,
                    "precision_fake": 25.0,
                    "recall_macro": 49.99,
                    "recall_real": 99.99,
                    "recall_fake": 0.0
                }
            },
            "DIRE": {
                "notebook": {
                    "accuracy": 0.371744,
                    "precision_macro": 0.310875,
                    "recall_macro": 0.499961,
                    "f1_macro": 0.271016,
                    "precision_real": 0.371749,
                    "precision_fake": 0.25,
                    "recall_real": 0.999903,
                    "recall_fake": 1.9e-05,
                    "f1_real": 0.541993,
                    "f1_fake": 3.8e-05
                },
                "paper_percent": {
                    "precision_macro": 31.09,
                    "precision_real": 37.18,
                    "precision_fake": 25.0,
                    "recall_macro": 49.99,
                    "recall_real": 99.99,
                    "recall_fake": 0.0
                }
            },
            "UniversalFakeDetect": {
                "notebook": {
                    "accuracy": 0.68363,
                    "precision_macro": 0.648448,
                    "recall_macro": 0.605695,
                    "f1_macro": 0.606386,
                    "precision_real": 0.588959,
                    "precision_fake": 0.707936,
                    "recall_real": 0.34112,
                    "recall_fake": 0.870271,
                    "f1_real": 0.432018,
                    "f1_fake": 0.780754
                },
                "paper_percent": {
                    "precision_macro": 64.84,
                    "precision_real": 58.89,
                    "precision_fake": 70.79,
                    "recall_macro": 60.57,
                    "recall_real": 34.11,
                    "recall_fake": 87.03
                }
            },
            "CrossEfficientNet": {
                "notebook": {
                    "accuracy": 0.4243,
                    "precision_macro": 0.463703,
                    "recall_macro": 0.465762,
                    "f1_macro": 0.423164,
                    "precision_real": 0.348908,
                    "precision_fake": 0.578498,
                    "recall_real": 0.628673,
                    "recall_fake": 0.302851,
                    "f1_real": 0.448759,
                    "f1_fake": 0.397569
                },
                "paper_percent": {
                    "precision_macro": 46.37,
                    "precision_real": 34.89,
                    "precision_fake": 57.85,
                    "recall_macro": 46.58,
                    "recall_real": 62.87,
                    "recall_fake": 30.28
                }
            },
            "De-Fake": {
                "notebook": {
                    "accuracy": 0.647101,
                    "precision_macro": 0.616507,
                    "recall_macro": 0.618816,
                    "f1_macro": 0.617473,
                    "precision_real": 0.499753,
                    "precision_fake": 0.73326,
                    "recall_real": 0.522794,
                    "recall_fake": 0.714838,
                    "f1_real": 0.511014,
                    "f1_fake": 0.723932
                },
                "paper_percent": {
                    "precision_macro": 61.65,
                    "precision_real": 49.97,
                    "precision_fake": 73.33,
                    "recall_macro": 61.88,
                    "recall_real": 52.28,
                    "recall_fake": 71.48
                }
            }
        },
        "paper_rounding_notes": {
            "truncated_not_rounded": [
                "CNNSpot.recall_macro",
                "DIRE.recall_macro",
                "CrossEfficientNet.recall_fake",
                "UniversalFakeDetect.precision_real",
                "De-Fake.precision_real"
            ],
            "matches_neither": [
                "DIRE.precision_real (printed 37.18, notebook 37.1749)"
            ]
        }
    },
    "fig5a_f1_by_dataset": {
        "slice": "dataset (real+fake)",
        "metric": "f1_macro",
        "detectors": {
            "UniversalFakeDetect": {
                "ADE20K": {
                    "notebook": {
                        "accuracy": 0.705121,
                        "precision_macro": 0.718475,
                        "recall_macro": 0.620703,
                        "f1_macro": 0.615815,
                        "precision_real": 0.737615,
                        "recall_real": 0.304032,
                        "f1_real": 0.430584,
                        "precision_fake": 0.699335,
                        "recall_fake": 0.937375,
                        "f1_fake": 0.801045
                    },
                    "paper_f1_percent": 62
                },
                "CelebAHQ": {
                    "notebook": {
                        "accuracy": 0.669709,
                        "precision_macro": 0.646482,
                        "recall_macro": 0.639643,
                        "f1_macro": 0.641894,
                        "precision_real": 0.573484,
                        "recall_real": 0.513955,
                        "f1_real": 0.54209,
                        "precision_fake": 0.71948,
                        "recall_fake": 0.765331,
                        "f1_fake": 0.741697
                    },
                    "paper_f1_percent": 64
                },
                "CityScapes": {
                    "notebook": {
                        "accuracy": 0.541539,
                        "precision_macro": 0.341085,
                        "recall_macro": 0.405288,
                        "f1_macro": 0.366527,
                        "precision_real": 0.051885,
                        "recall_real": 0.024804,
                        "f1_real": 0.033563,
                        "precision_fake": 0.630285,
                        "recall_fake": 0.785772,
                        "f1_fake": 0.699492
                    },
                    "paper_f1_percent": 37
                },
                "HumanParsing": {
                    "notebook": {
                        "accuracy": 0.764861,
                        "precision_macro": 0.764852,
                        "recall_macro": 0.731192,
                        "f1_macro": 0.739172,
                        "precision_real": 0.764828,
                        "recall_real": 0.576303,
                        "f1_real": 0.657315,
                        "precision_fake": 0.764876,
                        "recall_fake": 0.88608,
                        "f1_fake": 0.821029
                    },
                    "paper_f1_percent": 74
                },
                "OpenImages": {
                    "notebook": {
                        "accuracy": 0.785138,
                        "precision_macro": 0.717905,
                        "recall_macro": 0.659806,
                        "f1_macro": 0.676558,
                        "precision_real": 0.61704,
                        "recall_real": 0.405183,
                        "f1_real": 0.489157,
                        "precision_fake": 0.818769,
                        "recall_fake": 0.914429,
                        "f1_fake": 0.863959
                    },
                    "paper_f1_percent": 68
                },
                "SUN_RGBD": {
                    "notebook": {
                        "accuracy": 0.63946,
                        "precision_macro": 0.658007,
                        "recall_macro": 0.556521,
                        "f1_macro": 0.512071,
                        "precision_real": 0.680868,
                        "recall_real": 0.162791,
                        "f1_real": 0.262758,
                        "precision_fake": 0.635145,
                        "recall_fake": 0.950251,
                        "f1_fake": 0.761384
                    },
                    "paper_f1_percent": 51
                }
            },
            "CrossEfficientNet": {
                "ADE20K": {
                    "notebook": {
                        "accuracy": 0.286404,
                        "precision_macro": 0.46451,
                        "recall_macro": 0.452014,
                        "f1_macro": 0.282473,
                        "precision_real": 0.1375,
                        "recall_real": 0.691099,
                        "f1_real": 0.229366,
                        "precision_fake": 0.791519,
                        "recall_fake": 0.212928,
                        "f1_fake": 0.335581
                    },
                    "paper_f1_percent": 28
                },
                "CelebAHQ": {
                    "notebook": {
                        "accuracy": 0.503482,
                        "precision_macro": 0.480056,
                        "recall_macro": 0.481705,
                        "f1_macro": 0.476825,
                        "precision_real": 0.554287,
                        "recall_real": 0.641981,
                        "f1_real": 0.59492,
                        "precision_fake": 0.405826,
                        "recall_fake": 0.321429,
                        "f1_fake": 0.35873
                    },
                    "paper_f1_percent": 48
                },
                "CityScapes": {
                    "notebook": {
                        "accuracy": 0.337705,
                        "precision_macro": 0.508769,
                        "recall_macro": 0.57479,
                        "f1_macro": 0.274843,
                        "precision_real": 0.031853,
                        "recall_real": 0.825,
                        "f1_real": 0.061338,
                        "precision_fake": 0.985685,
                        "recall_fake": 0.324579,
                        "f1_fake": 0.488349
                    },
                    "paper_f1_percent": 27
                },
                "HumanParsing": {
                    "notebook": {
                        "accuracy": 0.445897,
                        "precision_macro": 0.460574,
                        "recall_macro": 0.461767,
                        "f1_macro": 0.445028,
                        "precision_real": 0.395796,
                        "recall_real": 0.569421,
                        "f1_real": 0.466993,
                        "precision_fake": 0.525352,
                        "recall_fake": 0.354114,
                        "f1_fake": 0.423062
                    },
                    "paper_f1_percent": 45
                },
                "OpenImages": {
                    "notebook": {
                        "accuracy": 0.339397,
                        "precision_macro": 0.47137,
                        "recall_macro": 0.473445,
                        "f1_macro": 0.338971,
                        "precision_real": 0.234317,
                        "recall_real": 0.738372,
                        "f1_real": 0.355742,
                        "precision_fake": 0.708423,
                        "recall_fake": 0.208519,
                        "f1_fake": 0.3222
                    },
                    "paper_f1_percent": 34
                },
                "SUN_RGBD": {
                    "notebook": {
                        "accuracy": 0.218225,
                        "precision_macro": 0.468822,
                        "recall_macro": 0.402064,
                        "f1_macro": 0.199965,
                        "precision_real": 0.042296,
                        "recall_real": 0.608696,
                        "f1_real": 0.079096,
                        "precision_fake": 0.895349,
                        "recall_fake": 0.195431,
                        "f1_fake": 0.320833
                    },
                    "paper_f1_percent": 20
                }
            },
            "De-Fake": {
                "ADE20K": {
                    "notebook": {
                        "accuracy": 0.624151,
                        "precision_macro": 0.614556,
                        "recall_macro": 0.622586,
                        "f1_macro": 0.612715,
                        "precision_real": 0.490099,
                        "recall_real": 0.616716,
                        "f1_real": 0.546165,
                        "precision_fake": 0.739013,
                        "recall_fake": 0.628457,
                        "f1_fake": 0.679266
                    },
                    "paper_f1_percent": 61
                },
                "CelebAHQ": {
                    "notebook": {
                        "accuracy": 0.545725,
                        "precision_macro": 0.449372,
                        "recall_macro": 0.467948,
                        "f1_macro": 0.438449,
                        "precision_real": 0.297619,
                        "recall_real": 0.142811,
                        "f1_real": 0.193008,
                        "precision_fake": 0.601124,
                        "recall_fake": 0.793086,
                        "f1_fake": 0.68389
                    },
                    "paper_f1_percent": 44
                },
                "CityScapes": {
                    "notebook": {
                        "accuracy": 0.737906,
                        "precision_macro": 0.702856,
                        "recall_macro": 0.712712,
                        "f1_macro": 0.70683,
                        "precision_real": 0.583253,
                        "recall_real": 0.642357,
                        "f1_real": 0.61138,
                        "precision_fake": 0.822458,
                        "recall_fake": 0.783066,
                        "f1_fake": 0.802279
                    },
                    "paper_f1_percent": 71
                },
                "HumanParsing": {
                    "notebook": {
                        "accuracy": 0.607876,
                        "precision_macro": 0.577129,
                        "recall_macro": 0.568524,
                        "f1_macro": 0.567769,
                        "precision_real": 0.498663,
                        "recall_real": 0.387494,
                        "f1_real": 0.436105,
                        "precision_fake": 0.655596,
                        "recall_fake": 0.749555,
                        "f1_fake": 0.699434
                    },
                    "paper_f1_percent": 57
                },
                "OpenImages": {
                    "notebook": {
                        "accuracy": 0.646606,
                        "precision_macro": 0.59059,
                        "recall_macro": 0.612039,
                        "f1_macro": 0.590029,
                        "precision_real": 0.367192,
                        "recall_real": 0.541814,
                        "f1_real": 0.43773,
                        "precision_fake": 0.813987,
                        "recall_fake": 0.682265,
                        "f1_fake": 0.742328
                    },
                    "paper_f1_percent": 59
                },
                "SUN_RGBD": {
                    "notebook": {
                        "accuracy": 0.741561,
                        "precision_macro": 0.761588,
                        "recall_macro": 0.768303,
                        "f1_macro": 0.741246,
                        "precision_real": 0.619415,
                        "recall_real": 0.895253,
                        "f1_real": 0.732217,
                        "precision_fake": 0.903761,
                        "recall_fake": 0.641353,
                        "f1_fake": 0.750275
                    },
                    "paper_f1_percent": 74
                }
            }
        }
    },
    "fig5b_scene_complexity_recall_fake": {
        "slice": "scene_complexity_category (fakes only)",
        "metric": "recall_fake",
        "detectors": {
            "UniversalFakeDetect": {
                "high": {
                    "notebook": {
                        "accuracy": 0.807736,
                        "precision_fake": 1.0,
                        "recall_fake": 0.807736,
                        "f1_fake": 0.893644
                    },
                    "paper_percent": 81
                },
                "low": {
                    "notebook": {
                        "accuracy": 0.938001,
                        "precision_fake": 1.0,
                        "recall_fake": 0.938001,
                        "f1_fake": 0.968009
                    },
                    "paper_percent": 94
                },
                "medium": {
                    "notebook": {
                        "accuracy": 0.906923,
                        "precision_fake": 1.0,
                        "recall_fake": 0.906923,
                        "f1_fake": 0.95119
                    },
                    "paper_percent": 91
                }
            },
            "CrossEfficientNet": {
                "high": {
                    "notebook": {
                        "accuracy": 0.305463,
                        "precision_fake": 1.0,
                        "recall_fake": 0.305463,
                        "f1_fake": 0.467976
                    },
                    "paper_percent": 31
                },
                "low": {
                    "notebook": {
                        "accuracy": 0.20303,
                        "precision_fake": 1.0,
                        "recall_fake": 0.20303,
                        "f1_fake": 0.337531
                    },
                    "paper_percent": 20
                },
                "medium": {
                    "notebook": {
                        "accuracy": 0.269711,
                        "precision_fake": 1.0,
                        "recall_fake": 0.269711,
                        "f1_fake": 0.424838
                    },
                    "paper_percent": 27
                }
            },
            "De-Fake": {
                "high": {
                    "notebook": {
                        "accuracy": 0.738256,
                        "precision_fake": 1.0,
                        "recall_fake": 0.738256,
                        "f1_fake": 0.849421
                    },
                    "paper_percent": 74
                },
                "low": {
                    "notebook": {
                        "accuracy": 0.710048,
                        "precision_fake": 1.0,
                        "recall_fake": 0.710048,
                        "f1_fake": 0.830442
                    },
                    "paper_percent": 71
                },
                "medium": {
                    "notebook": {
                        "accuracy": 0.683366,
                        "precision_fake": 1.0,
                        "recall_fake": 0.683366,
                        "f1_fake": 0.811904
                    },
                    "paper_percent": 68
                }
            }
        }
    },
    "fig5c_scene_diversity_recall_fake": {
        "slice": "scene_diversity_category (fakes only)",
        "metric": "recall_fake",
        "detectors": {
            "UniversalFakeDetect": {
                "high": {
                    "notebook": {
                        "accuracy": 0.870478,
                        "precision_fake": 1.0,
                        "recall_fake": 0.870478,
                        "f1_fake": 0.930754
                    },
                    "paper_percent": 87
                },
                "low": {
                    "notebook": {
                        "accuracy": 0.93745,
                        "precision_fake": 1.0,
                        "recall_fake": 0.93745,
                        "f1_fake": 0.967715
                    },
                    "paper_percent": 94
                },
                "medium": {
                    "notebook": {
                        "accuracy": 0.873741,
                        "precision_fake": 1.0,
                        "recall_fake": 0.873741,
                        "f1_fake": 0.932617
                    },
                    "paper_percent": 87
                }
            },
            "CrossEfficientNet": {
                "high": {
                    "notebook": {
                        "accuracy": 0.29386,
                        "precision_fake": 1.0,
                        "recall_fake": 0.29386,
                        "f1_fake": 0.454237
                    },
                    "paper_percent": 29
                },
                "low": {
                    "notebook": {
                        "accuracy": 0.209751,
                        "precision_fake": 1.0,
                        "recall_fake": 0.209751,
                        "f1_fake": 0.346767
                    },
                    "paper_percent": 21
                },
                "medium": {
                    "notebook": {
                        "accuracy": 0.286865,
                        "precision_fake": 1.0,
                        "recall_fake": 0.286865,
                        "f1_fake": 0.445835
                    },
                    "paper_percent": 29
                }
            },
            "De-Fake": {
                "high": {
                    "notebook": {
                        "accuracy": 0.680751,
                        "precision_fake": 1.0,
                        "recall_fake": 0.680751,
                        "f1_fake": 0.810056
                    },
                    "paper_percent": 68
                },
                "low": {
                    "notebook": {
                        "accuracy": 0.701639,
                        "precision_fake": 1.0,
                        "recall_fake": 0.701639,
                        "f1_fake": 0.824662
                    },
                    "paper_percent": 70
                },
                "medium": {
                    "notebook": {
                        "accuracy": 0.705578,
                        "precision_fake": 1.0,
                        "recall_fake": 0.705578,
                        "f1_fake": 0.827377
                    },
                    "paper_percent": 71
                }
            }
        }
    },
    "fig6_model_recall_fake": {
        "slice": "model (fakes only)",
        "metric": "recall_fake",
        "detectors": {
            "UniversalFakeDetect": {
                "Kandinsky_2_2": {
                    "notebook": {
                        "accuracy": 0.941,
                        "precision_fake": 1.0,
                        "recall_fake": 0.941,
                        "f1_fake": 0.969603
                    },
                    "paper_percent": 94
                },
                "OpenJourney": {
                    "notebook": {
                        "accuracy": 0.878543,
                        "precision_fake": 1.0,
                        "recall_fake": 0.878543,
                        "f1_fake": 0.935345
                    },
                    "paper_percent": 88
                },
                "StableDiffusion_XL": {
                    "notebook": {
                        "accuracy": 0.889333,
                        "precision_fake": 1.0,
                        "recall_fake": 0.889333,
                        "f1_fake": 0.941426
                    },
                    "paper_percent": 89
                },
                "StableDiffusion_v4": {
                    "notebook": {
                        "accuracy": 0.857019,
                        "precision_fake": 1.0,
                        "recall_fake": 0.857019,
                        "f1_fake": 0.923005
                    },
                    "paper_percent": 86
                },
                "StableDiffusion_v5": {
                    "notebook": {
                        "accuracy": 0.839238,
                        "precision_fake": 1.0,
                        "recall_fake": 0.839238,
                        "f1_fake": 0.912593
                    },
                    "paper_percent": 84
                }
            },
            "CrossEfficientNet": {
                "Kandinsky_2_2": {
                    "notebook": {
                        "accuracy": 0.213685,
                        "precision_fake": 1.0,
                        "recall_fake": 0.213685,
                        "f1_fake": 0.352127
                    },
                    "paper_percent": 21
                },
                "OpenJourney": {
                    "notebook": {
                        "accuracy": 0.287783,
                        "precision_fake": 1.0,
                        "recall_fake": 0.287783,
                        "f1_fake": 0.446943
                    },
                    "paper_percent": 29
                },
                "StableDiffusion_XL": {
                    "notebook": {
                        "accuracy": 0.303009,
                        "precision_fake": 1.0,
                        "recall_fake": 0.303009,
                        "f1_fake": 0.465091
                    },
                    "paper_percent": 30
                },
                "StableDiffusion_v4": {
                    "notebook": {
                        "accuracy": 0.329231,
                        "precision_fake": 1.0,
                        "recall_fake": 0.329231,
                        "f1_fake": 0.49537
                    },
                    "paper_percent": 33
                },
                "StableDiffusion_v5": {
                    "notebook": {
                        "accuracy": 0.309829,
                        "precision_fake": 1.0,
                        "recall_fake": 0.309829,
                        "f1_fake": 0.473083
                    },
                    "paper_percent": 31
                }
            },
            "De-Fake": {
                "Kandinsky_2_2": {
                    "notebook": {
                        "accuracy": 0.665333,
                        "precision_fake": 1.0,
                        "recall_fake": 0.665333,
                        "f1_fake": 0.799039
                    },
                    "paper_percent": 67
                },
                "OpenJourney": {
                    "notebook": {
                        "accuracy": 0.722594,
                        "precision_fake": 1.0,
                        "recall_fake": 0.722594,
                        "f1_fake": 0.83896
                    },
                    "paper_percent": 72
                },
                "StableDiffusion_XL": {
                    "notebook": {
                        "accuracy": 0.683167,
                        "precision_fake": 1.0,
                        "recall_fake": 0.683167,
                        "f1_fake": 0.811764
                    },
                    "paper_percent": 68
                },
                "StableDiffusion_v4": {
                    "notebook": {
                        "accuracy": 0.700735,
                        "precision_fake": 1.0,
                        "recall_fake": 0.700735,
                        "f1_fake": 0.824038
                    },
                    "paper_percent": 70
                },
                "StableDiffusion_v5": {
                    "notebook": {
                        "accuracy": 0.753743,
                        "precision_fake": 1.0,
                        "recall_fake": 0.753743,
                        "f1_fake": 0.859582
                    },
                    "paper_percent": 75
                }
            }
        },
        "note": "Both methods pooled."
    },
    "fig6_method_recall_fake": {
        "slice": "method (fakes only)",
        "metric": "recall_fake",
        "detectors": {
            "UniversalFakeDetect": {
                "inpainting": {
                    "notebook": {
                        "accuracy": 0.885111,
                        "precision_fake": 1.0,
                        "recall_fake": 0.885111,
                        "f1_fake": 0.939055
                    },
                    "paper_percent": 89,
                    "plotted_as": "Inpainting"
                },
                "p2p": {
                    "notebook": {
                        "accuracy": 0.856861,
                        "precision_fake": 1.0,
                        "recall_fake": 0.856861,
                        "f1_fake": 0.922913
                    },
                    "paper_percent": 86,
                    "plotted_as": "Prompt-Tuning / prompt-based editing"
                }
            },
            "CrossEfficientNet": {
                "inpainting": {
                    "notebook": {
                        "accuracy": 0.277577,
                        "precision_fake": 1.0,
                        "recall_fake": 0.277577,
                        "f1_fake": 0.434536
                    },
                    "paper_percent": 28,
                    "plotted_as": "Inpainting"
                },
                "p2p": {
                    "notebook": {
                        "accuracy": 0.332394,
                        "precision_fake": 1.0,
                        "recall_fake": 0.332394,
                        "f1_fake": 0.498942
                    },
                    "paper_percent": 33,
                    "plotted_as": "Prompt-Tuning / prompt-based editing"
                }
            },
            "De-Fake": {
                "inpainting": {
                    "notebook": {
                        "accuracy": 0.701519,
                        "precision_fake": 1.0,
                        "recall_fake": 0.701519,
                        "f1_fake": 0.824579
                    },
                    "paper_percent": 70,
                    "plotted_as": "Inpainting"
                },
                "p2p": {
                    "notebook": {
                        "accuracy": 0.726874,
                        "precision_fake": 1.0,
                        "recall_fake": 0.726874,
                        "f1_fake": 0.841838
                    },
                    "paper_percent": 73,
                    "plotted_as": "Prompt-Tuning / prompt-based editing"
                }
            }
        }
    },
    "fig7_area_ratio_recall_fake": {
        "slice": "ratio_category (fakes only)",
        "metric": "recall_fake",
        "detectors": {
            "UniversalFakeDetect": {
                "bin1": {
                    "notebook": {
                        "accuracy": 0.868934,
                        "precision_fake": 1.0,
                        "recall_fake": 0.868934,
                        "f1_fake": 0.929871
                    },
                    "paper_percent": 87,
                    "plotted_as": "small"
                },
                "bin2": {
                    "notebook": {
                        "accuracy": 0.857023,
                        "precision_fake": 1.0,
                        "recall_fake": 0.857023,
                        "f1_fake": 0.923008
                    }
                },
                "bin3": {
                    "notebook": {
                        "accuracy": 0.891837,
                        "precision_fake": 1.0,
                        "recall_fake": 0.891837,
                        "f1_fake": 0.942826
                    },
                    "paper_percent": 89,
                    "plotted_as": "medium"
                },
                "bin4": {
                    "notebook": {
                        "accuracy": 0.885853,
                        "precision_fake": 1.0,
                        "recall_fake": 0.885853,
                        "f1_fake": 0.939472
                    }
                },
                "bin5": {
                    "notebook": {
                        "accuracy": 0.909868,
                        "precision_fake": 1.0,
                        "recall_fake": 0.909868,
                        "f1_fake": 0.952807
                    },
                    "paper_percent": 91,
                    "plotted_as": "large"
                }
            },
            "CrossEfficientNet": {
                "bin1": {
                    "notebook": {
                        "accuracy": 0.288749,
                        "precision_fake": 1.0,
                        "recall_fake": 0.288749,
                        "f1_fake": 0.448107
                    },
                    "paper_percent": 29,
                    "plotted_as": "small"
                },
                "bin2": {
                    "notebook": {
                        "accuracy": 0.28855,
                        "precision_fake": 1.0,
                        "recall_fake": 0.28855,
                        "f1_fake": 0.447867
                    }
                },
                "bin3": {
                    "notebook": {
                        "accuracy": 0.288907,
                        "precision_fake": 1.0,
                        "recall_fake": 0.288907,
                        "f1_fake": 0.448298
                    },
                    "paper_percent": 29,
                    "plotted_as": "medium"
                },
                "bin4": {
                    "notebook": {
                        "accuracy": 0.268682,
                        "precision_fake": 1.0,
                        "recall_fake": 0.268682,
                        "f1_fake": 0.423561
                    }
                },
                "bin5": {
                    "notebook": {
                        "accuracy": 0.258454,
                        "precision_fake": 1.0,
                        "recall_fake": 0.258454,
                        "f1_fake": 0.410749
                    },
                    "paper_percent": 26,
                    "plotted_as": "large"
                }
            },
            "De-Fake": {
                "bin1": {
                    "notebook": {
                        "accuracy": 0.695453,
                        "precision_fake": 1.0,
                        "recall_fake": 0.695453,
                        "f1_fake": 0.820374
                    },
                    "paper_percent": 70,
                    "plotted_as": "small"
                },
                "bin2": {
                    "notebook": {
                        "accuracy": 0.695834,
                        "precision_fake": 1.0,
                        "recall_fake": 0.695834,
                        "f1_fake": 0.820639
                    }
                },
                "bin3": {
                    "notebook": {
                        "accuracy": 0.697551,
                        "precision_fake": 1.0,
                        "recall_fake": 0.697551,
                        "f1_fake": 0.821832
                    },
                    "paper_percent": 70,
                    "plotted_as": "medium"
                },
                "bin4": {
                    "notebook": {
                        "accuracy": 0.705633,
                        "precision_fake": 1.0,
                        "recall_fake": 0.705633,
                        "f1_fake": 0.827415
                    }
                },
                "bin5": {
                    "notebook": {
                        "accuracy": 0.709515,
                        "precision_fake": 1.0,
                        "recall_fake": 0.709515,
                        "f1_fake": 0.830078
                    },
                    "paper_percent": 71,
                    "plotted_as": "large"
                }
            }
        },
        "note": "Input mask area ratio, 5 quantile bins (inpainting only); figure shows bin1/bin3/bin5."
    },
    "fig7_sem_magnitude_recall_fake": {
        "slice": "sem_magnitude (fakes only)",
        "metric": "recall_fake",
        "detectors": {
            "UniversalFakeDetect": {
                "large": {
                    "notebook": {
                        "accuracy": 0.877305,
                        "precision_fake": 1.0,
                        "recall_fake": 0.877305,
                        "f1_fake": 0.934643
                    },
                    "paper_percent": 88
                },
                "medium": {
                    "notebook": {
                        "accuracy": 0.86818,
                        "precision_fake": 1.0,
                        "recall_fake": 0.86818,
                        "f1_fake": 0.92944
                    },
                    "paper_percent": 87
                },
                "small": {
                    "notebook": {
                        "accuracy": 0.864809,
                        "precision_fake": 1.0,
                        "recall_fake": 0.864809,
                        "f1_fake": 0.927504
                    },
                    "paper_percent": 86
                }
            },
            "CrossEfficientNet": {
                "large": {
                    "notebook": {
                        "accuracy": 0.311959,
                        "precision_fake": 1.0,
                        "recall_fake": 0.311959,
                        "f1_fake": 0.475562
                    },
                    "paper_percent": 31
                },
                "medium": {
                    "notebook": {
                        "accuracy": 0.290981,
                        "precision_fake": 1.0,
                        "recall_fake": 0.290981,
                        "f1_fake": 0.450791
                    },
                    "paper_percent": 29
                },
                "small": {
                    "notebook": {
                        "accuracy": 0.303766,
                        "precision_fake": 1.0,
                        "recall_fake": 0.303766,
                        "f1_fake": 0.465983
                    },
                    "paper_percent": 30
                }
            },
            "De-Fake": {
                "large": {
                    "notebook": {
                        "accuracy": 0.708556,
                        "precision_fake": 1.0,
                        "recall_fake": 0.708556,
                        "f1_fake": 0.829421
                    },
                    "paper_percent": 71
                },
                "medium": {
                    "notebook": {
                        "accuracy": 0.715539,
                        "precision_fake": 1.0,
                        "recall_fake": 0.715539,
                        "f1_fake": 0.834185
                    },
                    "paper_percent": 72
                },
                "small": {
                    "notebook": {
                        "accuracy": 0.720891,
                        "precision_fake": 1.0,
                        "recall_fake": 0.720891,
                        "f1_fake": 0.837811
                    },
                    "paper_percent": 72
                }
            }
        },
        "note": "Requested magnitude given to the LLM; both methods."
    },
    "fig7_dreamsim_recall_fake": {
        "slice": "dreamsim_category (fakes only)",
        "metric": "recall_fake",
        "detectors": {
            "UniversalFakeDetect": {
                "bin1": {
                    "notebook": {
                        "accuracy": 0.926108,
                        "precision_fake": 1.0,
                        "recall_fake": 0.926108,
                        "f1_fake": 0.961637
                    },
                    "paper_percent": 93,
                    "plotted_as": "small"
                },
                "bin2": {
                    "notebook": {
                        "accuracy": 0.9,
                        "precision_fake": 1.0,
                        "recall_fake": 0.9,
                        "f1_fake": 0.947368
                    }
                },
                "bin3": {
                    "notebook": {
                        "accuracy": 0.90731,
                        "precision_fake": 1.0,
                        "recall_fake": 0.90731,
                        "f1_fake": 0.951403
                    },
                    "paper_percent": 91,
                    "plotted_as": "medium"
                },
                "bin4": {
                    "notebook": {
                        "accuracy": 0.885684,
                        "precision_fake": 1.0,
                        "recall_fake": 0.885684,
                        "f1_fake": 0.939377
                    }
                },
                "bin5": {
                    "notebook": {
                        "accuracy": 0.87941,
                        "precision_fake": 1.0,
                        "recall_fake": 0.87941,
                        "f1_fake": 0.935836
                    },
                    "paper_percent": 88,
                    "plotted_as": "large"
                }
            },
            "CrossEfficientNet": {
                "bin1": {
                    "notebook": {
                        "accuracy": 0.247525,
                        "precision_fake": 1.0,
                        "recall_fake": 0.247525,
                        "f1_fake": 0.396825
                    },
                    "paper_percent": 25,
                    "plotted_as": "small"
                },
                "bin2": {
                    "notebook": {
                        "accuracy": 0.222826,
                        "precision_fake": 1.0,
                        "recall_fake": 0.222826,
                        "f1_fake": 0.364444
                    }
                },
                "bin3": {
                    "notebook": {
                        "accuracy": 0.234824,
                        "precision_fake": 1.0,
                        "recall_fake": 0.234824,
                        "f1_fake": 0.380336
                    },
                    "paper_percent": 23,
                    "plotted_as": "medium"
                },
                "bin4": {
                    "notebook": {
                        "accuracy": 0.269048,
                        "precision_fake": 1.0,
                        "recall_fake": 0.269048,
                        "f1_fake": 0.424015
                    }
                },
                "bin5": {
                    "notebook": {
                        "accuracy": 0.287206,
                        "precision_fake": 1.0,
                        "recall_fake": 0.287206,
                        "f1_fake": 0.446247
                    },
                    "paper_percent": 29,
                    "plotted_as": "large"
                }
            },
            "De-Fake": {
                "bin1": {
                    "notebook": {
                        "accuracy": 0.691297,
                        "precision_fake": 1.0,
                        "recall_fake": 0.691297,
                        "f1_fake": 0.817476
                    },
                    "paper_percent": 69,
                    "plotted_as": "small"
                },
                "bin2": {
                    "notebook": {
                        "accuracy": 0.686111,
                        "precision_fake": 1.0,
                        "recall_fake": 0.686111,
                        "f1_fake": 0.813839
                    }
                },
                "bin3": {
                    "notebook": {
                        "accuracy": 0.694998,
                        "precision_fake": 1.0,
                        "recall_fake": 0.694998,
                        "f1_fake": 0.820058
                    },
                    "paper_percent": 69,
                    "plotted_as": "medium"
                },
                "bin4": {
                    "notebook": {
                        "accuracy": 0.705929,
                        "precision_fake": 1.0,
                        "recall_fake": 0.705929,
                        "f1_fake": 0.827619
                    }
                },
                "bin5": {
                    "notebook": {
                        "accuracy": 0.702854,
                        "precision_fake": 1.0,
                        "recall_fake": 0.702854,
                        "f1_fake": 0.825501
                    },
                    "paper_percent": 70,
                    "plotted_as": "large"
                }
            }
        }
    },
    "fig7_ssim_recall_fake": {
        "slice": "ssim_rgb_category (fakes only)",
        "metric": "recall_fake",
        "detectors": {
            "UniversalFakeDetect": {
                "bin1": {
                    "notebook": {
                        "accuracy": 0.881948,
                        "precision_fake": 1.0,
                        "recall_fake": 0.881948,
                        "f1_fake": 0.937271
                    },
                    "paper_percent": 88,
                    "plotted_as": "small"
                },
                "bin2": {
                    "notebook": {
                        "accuracy": 0.896204,
                        "precision_fake": 1.0,
                        "recall_fake": 0.896204,
                        "f1_fake": 0.945261
                    }
                },
                "bin3": {
                    "notebook": {
                        "accuracy": 0.902864,
                        "precision_fake": 1.0,
                        "recall_fake": 0.902864,
                        "f1_fake": 0.948952
                    },
                    "paper_percent": 90,
                    "plotted_as": "medium"
                },
                "bin4": {
                    "notebook": {
                        "accuracy": 0.885542,
                        "precision_fake": 1.0,
                        "recall_fake": 0.885542,
                        "f1_fake": 0.939297
                    }
                },
                "bin5": {
                    "notebook": {
                        "accuracy": 0.858407,
                        "precision_fake": 1.0,
                        "recall_fake": 0.858407,
                        "f1_fake": 0.92381
                    },
                    "paper_percent": 86,
                    "plotted_as": "large"
                }
            },
            "CrossEfficientNet": {
                "bin1": {
                    "notebook": {
                        "accuracy": 0.287228,
                        "precision_fake": 1.0,
                        "recall_fake": 0.287228,
                        "f1_fake": 0.446273
                    },
                    "paper_percent": 29,
                    "plotted_as": "small"
                },
                "bin2": {
                    "notebook": {
                        "accuracy": 0.253555,
                        "precision_fake": 1.0,
                        "recall_fake": 0.253555,
                        "f1_fake": 0.404537
                    }
                },
                "bin3": {
                    "notebook": {
                        "accuracy": 0.229111,
                        "precision_fake": 1.0,
                        "recall_fake": 0.229111,
                        "f1_fake": 0.372807
                    },
                    "paper_percent": 23,
                    "plotted_as": "medium"
                },
                "bin4": {
                    "notebook": {
                        "accuracy": 0.238938,
                        "precision_fake": 1.0,
                        "recall_fake": 0.238938,
                        "f1_fake": 0.385714
                    }
                },
                "bin5": {
                    "notebook": {
                        "accuracy": 0.255102,
                        "precision_fake": 1.0,
                        "recall_fake": 0.255102,
                        "f1_fake": 0.406504
                    },
                    "paper_percent": 26,
                    "plotted_as": "large"
                }
            },
            "De-Fake": {
                "bin1": {
                    "notebook": {
                        "accuracy": 0.701478,
                        "precision_fake": 1.0,
                        "recall_fake": 0.701478,
                        "f1_fake": 0.824551
                    },
                    "paper_percent": 70,
                    "plotted_as": "small"
                },
                "bin2": {
                    "notebook": {
                        "accuracy": 0.707978,
                        "precision_fake": 1.0,
                        "recall_fake": 0.707978,
                        "f1_fake": 0.829025
                    }
                },
                "bin3": {
                    "notebook": {
                        "accuracy": 0.695115,
                        "precision_fake": 1.0,
                        "recall_fake": 0.695115,
                        "f1_fake": 0.820139
                    },
                    "paper_percent": 70,
                    "plotted_as": "medium"
                },
                "bin4": {
                    "notebook": {
                        "accuracy": 0.680723,
                        "precision_fake": 1.0,
                        "recall_fake": 0.680723,
                        "f1_fake": 0.810036
                    }
                },
                "bin5": {
                    "notebook": {
                        "accuracy": 0.719027,
                        "precision_fake": 1.0,
                        "recall_fake": 0.719027,
                        "f1_fake": 0.836551
                    },
                    "paper_percent": 72,
                    "plotted_as": "large"
                }
            }
        },
        "note": "bin1 = lowest SSIM (largest structural change, assuming ascending bins as in the public binning code) but plotted as 'small'."
    },
    "notebook_only_slices_recall_fake": {
        "lpips_score_category": {
            "slice": "lpips_score_category (fakes only)",
            "metric": "recall_fake",
            "detectors": {
                "UniversalFakeDetect": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.930233,
                            "precision_fake": 1.0,
                            "recall_fake": 0.930233,
                            "f1_fake": 0.963855
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.898485,
                            "precision_fake": 1.0,
                            "recall_fake": 0.898485,
                            "f1_fake": 0.946528
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.91987,
                            "precision_fake": 1.0,
                            "recall_fake": 0.91987,
                            "f1_fake": 0.958263
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.896206,
                            "precision_fake": 1.0,
                            "recall_fake": 0.896206,
                            "f1_fake": 0.945262
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.878099,
                            "precision_fake": 1.0,
                            "recall_fake": 0.878099,
                            "f1_fake": 0.935093
                        }
                    }
                },
                "CrossEfficientNet": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.27907,
                            "precision_fake": 1.0,
                            "recall_fake": 0.27907,
                            "f1_fake": 0.436364
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.229508,
                            "precision_fake": 1.0,
                            "recall_fake": 0.229508,
                            "f1_fake": 0.373333
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.220859,
                            "precision_fake": 1.0,
                            "recall_fake": 0.220859,
                            "f1_fake": 0.361809
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.244071,
                            "precision_fake": 1.0,
                            "recall_fake": 0.244071,
                            "f1_fake": 0.392375
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.288915,
                            "precision_fake": 1.0,
                            "recall_fake": 0.288915,
                            "f1_fake": 0.448307
                        }
                    }
                },
                "De-Fake": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.671096,
                            "precision_fake": 1.0,
                            "recall_fake": 0.671096,
                            "f1_fake": 0.803181
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.698485,
                            "precision_fake": 1.0,
                            "recall_fake": 0.698485,
                            "f1_fake": 0.82248
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.699513,
                            "precision_fake": 1.0,
                            "recall_fake": 0.699513,
                            "f1_fake": 0.823192
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.693415,
                            "precision_fake": 1.0,
                            "recall_fake": 0.693415,
                            "f1_fake": 0.818954
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.704172,
                            "precision_fake": 1.0,
                            "recall_fake": 0.704172,
                            "f1_fake": 0.82641
                        }
                    }
                }
            }
        },
        "sen_sim_category": {
            "slice": "sen_sim_category (fakes only)",
            "metric": "recall_fake",
            "detectors": {
                "UniversalFakeDetect": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.9,
                            "precision_fake": 1.0,
                            "recall_fake": 0.9,
                            "f1_fake": 0.947368
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.939086,
                            "precision_fake": 1.0,
                            "recall_fake": 0.939086,
                            "f1_fake": 0.968586
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.942991,
                            "precision_fake": 1.0,
                            "recall_fake": 0.942991,
                            "f1_fake": 0.970659
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.926974,
                            "precision_fake": 1.0,
                            "recall_fake": 0.926974,
                            "f1_fake": 0.962103
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.870356,
                            "precision_fake": 1.0,
                            "recall_fake": 0.870356,
                            "f1_fake": 0.930685
                        }
                    }
                },
                "CrossEfficientNet": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.25,
                            "precision_fake": 1.0,
                            "recall_fake": 0.25,
                            "f1_fake": 0.4
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.130435,
                            "precision_fake": 1.0,
                            "recall_fake": 0.130435,
                            "f1_fake": 0.230769
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.125926,
                            "precision_fake": 1.0,
                            "recall_fake": 0.125926,
                            "f1_fake": 0.223684
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.211286,
                            "precision_fake": 1.0,
                            "recall_fake": 0.211286,
                            "f1_fake": 0.348862
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.290645,
                            "precision_fake": 1.0,
                            "recall_fake": 0.290645,
                            "f1_fake": 0.450387
                        }
                    }
                },
                "De-Fake": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.633333,
                            "precision_fake": 1.0,
                            "recall_fake": 0.633333,
                            "f1_fake": 0.77551
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.670051,
                            "precision_fake": 1.0,
                            "recall_fake": 0.670051,
                            "f1_fake": 0.802432
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.614953,
                            "precision_fake": 1.0,
                            "recall_fake": 0.614953,
                            "f1_fake": 0.761574
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.660196,
                            "precision_fake": 1.0,
                            "recall_fake": 0.660196,
                            "f1_fake": 0.795323
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.717503,
                            "precision_fake": 1.0,
                            "recall_fake": 0.717503,
                            "f1_fake": 0.835519
                        }
                    }
                }
            },
            "note": "sen_sim is a distance"
        },
        "mse_rgb_category": {
            "slice": "mse_rgb_category (fakes only)",
            "metric": "recall_fake",
            "detectors": {
                "UniversalFakeDetect": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.894025,
                            "precision_fake": 1.0,
                            "recall_fake": 0.894025,
                            "f1_fake": 0.944048
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.882812,
                            "precision_fake": 1.0,
                            "recall_fake": 0.882812,
                            "f1_fake": 0.937759
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.905852,
                            "precision_fake": 1.0,
                            "recall_fake": 0.905852,
                            "f1_fake": 0.950601
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.899922,
                            "precision_fake": 1.0,
                            "recall_fake": 0.899922,
                            "f1_fake": 0.947325
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.877691,
                            "precision_fake": 1.0,
                            "recall_fake": 0.877691,
                            "f1_fake": 0.934862
                        }
                    }
                },
                "CrossEfficientNet": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.256684,
                            "precision_fake": 1.0,
                            "recall_fake": 0.256684,
                            "f1_fake": 0.408511
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.252485,
                            "precision_fake": 1.0,
                            "recall_fake": 0.252485,
                            "f1_fake": 0.403175
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.246057,
                            "precision_fake": 1.0,
                            "recall_fake": 0.246057,
                            "f1_fake": 0.394937
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.27323,
                            "precision_fake": 1.0,
                            "recall_fake": 0.27323,
                            "f1_fake": 0.429192
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.286751,
                            "precision_fake": 1.0,
                            "recall_fake": 0.286751,
                            "f1_fake": 0.445698
                        }
                    }
                },
                "De-Fake": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.682074,
                            "precision_fake": 1.0,
                            "recall_fake": 0.682074,
                            "f1_fake": 0.810992
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.705729,
                            "precision_fake": 1.0,
                            "recall_fake": 0.705729,
                            "f1_fake": 0.827481
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.704835,
                            "precision_fake": 1.0,
                            "recall_fake": 0.704835,
                            "f1_fake": 0.826866
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.691708,
                            "precision_fake": 1.0,
                            "recall_fake": 0.691708,
                            "f1_fake": 0.817763
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.703591,
                            "precision_fake": 1.0,
                            "recall_fake": 0.703591,
                            "f1_fake": 0.82601
                        }
                    }
                }
            }
        },
        "ratio_rgb_category": {
            "slice": "ratio_rgb_category (fakes only)",
            "metric": "recall_fake",
            "detectors": {
                "UniversalFakeDetect": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.896205,
                            "precision_fake": 1.0,
                            "recall_fake": 0.896205,
                            "f1_fake": 0.945262
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.899618,
                            "precision_fake": 1.0,
                            "recall_fake": 0.899618,
                            "f1_fake": 0.947157
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.900385,
                            "precision_fake": 1.0,
                            "recall_fake": 0.900385,
                            "f1_fake": 0.947582
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.896592,
                            "precision_fake": 1.0,
                            "recall_fake": 0.896592,
                            "f1_fake": 0.945477
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.878113,
                            "precision_fake": 1.0,
                            "recall_fake": 0.878113,
                            "f1_fake": 0.935101
                        }
                    }
                },
                "CrossEfficientNet": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.253521,
                            "precision_fake": 1.0,
                            "recall_fake": 0.253521,
                            "f1_fake": 0.404494
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.235714,
                            "precision_fake": 1.0,
                            "recall_fake": 0.235714,
                            "f1_fake": 0.381503
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.243655,
                            "precision_fake": 1.0,
                            "recall_fake": 0.243655,
                            "f1_fake": 0.391837
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.281759,
                            "precision_fake": 1.0,
                            "recall_fake": 0.281759,
                            "f1_fake": 0.439644
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.287153,
                            "precision_fake": 1.0,
                            "recall_fake": 0.287153,
                            "f1_fake": 0.446183
                        }
                    }
                },
                "De-Fake": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.699968,
                            "precision_fake": 1.0,
                            "recall_fake": 0.699968,
                            "f1_fake": 0.823507
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.690727,
                            "precision_fake": 1.0,
                            "recall_fake": 0.690727,
                            "f1_fake": 0.817077
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.699505,
                            "precision_fake": 1.0,
                            "recall_fake": 0.699505,
                            "f1_fake": 0.823187
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.693648,
                            "precision_fake": 1.0,
                            "recall_fake": 0.693648,
                            "f1_fake": 0.819117
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.704465,
                            "precision_fake": 1.0,
                            "recall_fake": 0.704465,
                            "f1_fake": 0.826611
                        }
                    }
                }
            },
            "note": "post-edit ratio"
        },
        "size_mag_category": {
            "slice": "size_mag_category (fakes only)",
            "metric": "recall_fake",
            "detectors": {
                "UniversalFakeDetect": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.871429,
                            "precision_fake": 1.0,
                            "recall_fake": 0.871429,
                            "f1_fake": 0.931298
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.862454,
                            "precision_fake": 1.0,
                            "recall_fake": 0.862454,
                            "f1_fake": 0.926148
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.893474,
                            "precision_fake": 1.0,
                            "recall_fake": 0.893474,
                            "f1_fake": 0.943741
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.884272,
                            "precision_fake": 1.0,
                            "recall_fake": 0.884272,
                            "f1_fake": 0.938582
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.908049,
                            "precision_fake": 1.0,
                            "recall_fake": 0.908049,
                            "f1_fake": 0.951809
                        }
                    }
                },
                "CrossEfficientNet": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.290094,
                            "precision_fake": 1.0,
                            "recall_fake": 0.290094,
                            "f1_fake": 0.449726
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.285911,
                            "precision_fake": 1.0,
                            "recall_fake": 0.285911,
                            "f1_fake": 0.444682
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.284526,
                            "precision_fake": 1.0,
                            "recall_fake": 0.284526,
                            "f1_fake": 0.443005
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.270906,
                            "precision_fake": 1.0,
                            "recall_fake": 0.270906,
                            "f1_fake": 0.426319
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.25914,
                            "precision_fake": 1.0,
                            "recall_fake": 0.25914,
                            "f1_fake": 0.411615
                        }
                    }
                },
                "De-Fake": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.696381,
                            "precision_fake": 1.0,
                            "recall_fake": 0.696381,
                            "f1_fake": 0.82102
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.695604,
                            "precision_fake": 1.0,
                            "recall_fake": 0.695604,
                            "f1_fake": 0.82048
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.697296,
                            "precision_fake": 1.0,
                            "recall_fake": 0.697296,
                            "f1_fake": 0.821655
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.705764,
                            "precision_fake": 1.0,
                            "recall_fake": 0.705764,
                            "f1_fake": 0.827505
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.71037,
                            "precision_fake": 1.0,
                            "recall_fake": 0.71037,
                            "f1_fake": 0.830662
                        }
                    }
                }
            },
            "note": "formula of size_mag not public"
        },
        "change_location_category": {
            "slice": "change_location_category (fakes only)",
            "metric": "recall_fake",
            "detectors": {
                "UniversalFakeDetect": {
                    "diffused": {
                        "notebook": {
                            "accuracy": 0.882032,
                            "precision_fake": 1.0,
                            "recall_fake": 0.882032,
                            "f1_fake": 0.937319
                        }
                    },
                    "localized": {
                        "notebook": {
                            "accuracy": 0.899175,
                            "precision_fake": 1.0,
                            "recall_fake": 0.899175,
                            "f1_fake": 0.946911
                        }
                    }
                },
                "CrossEfficientNet": {
                    "diffused": {
                        "notebook": {
                            "accuracy": 0.280962,
                            "precision_fake": 1.0,
                            "recall_fake": 0.280962,
                            "f1_fake": 0.438674
                        }
                    },
                    "localized": {
                        "notebook": {
                            "accuracy": 0.25813,
                            "precision_fake": 1.0,
                            "recall_fake": 0.25813,
                            "f1_fake": 0.410339
                        }
                    }
                },
                "De-Fake": {
                    "diffused": {
                        "notebook": {
                            "accuracy": 0.702483,
                            "precision_fake": 1.0,
                            "recall_fake": 0.702483,
                            "f1_fake": 0.825245
                        }
                    },
                    "localized": {
                        "notebook": {
                            "accuracy": 0.697113,
                            "precision_fake": 1.0,
                            "recall_fake": 0.697113,
                            "f1_fake": 0.821528
                        }
                    }
                }
            }
        },
        "clip_sim_category": {
            "slice": "clip_sim_category (fakes only)",
            "metric": "recall_fake",
            "detectors": {
                "UniversalFakeDetect": {
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.888889,
                            "precision_fake": 1.0,
                            "recall_fake": 0.888889,
                            "f1_fake": 0.941176
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.790698,
                            "precision_fake": 1.0,
                            "recall_fake": 0.790698,
                            "f1_fake": 0.883117
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.947368,
                            "precision_fake": 1.0,
                            "recall_fake": 0.947368,
                            "f1_fake": 0.972973
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.884943,
                            "precision_fake": 1.0,
                            "recall_fake": 0.884943,
                            "f1_fake": 0.93896
                        }
                    }
                },
                "CrossEfficientNet": {
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.25,
                            "precision_fake": 1.0,
                            "recall_fake": 0.25,
                            "f1_fake": 0.4
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.333333,
                            "precision_fake": 1.0,
                            "recall_fake": 0.333333,
                            "f1_fake": 0.5
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.058824,
                            "precision_fake": 1.0,
                            "recall_fake": 0.058824,
                            "f1_fake": 0.111111
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.278106,
                            "precision_fake": 1.0,
                            "recall_fake": 0.278106,
                            "f1_fake": 0.435184
                        }
                    }
                },
                "De-Fake": {
                    "bin1": {
                        "notebook": {
                            "accuracy": 0.5,
                            "precision_fake": 1.0,
                            "recall_fake": 0.5,
                            "f1_fake": 0.666667
                        }
                    },
                    "bin2": {
                        "notebook": {
                            "accuracy": 0.611111,
                            "precision_fake": 1.0,
                            "recall_fake": 0.611111,
                            "f1_fake": 0.758621
                        }
                    },
                    "bin3": {
                        "notebook": {
                            "accuracy": 0.627907,
                            "precision_fake": 1.0,
                            "recall_fake": 0.627907,
                            "f1_fake": 0.771429
                        }
                    },
                    "bin4": {
                        "notebook": {
                            "accuracy": 0.631579,
                            "precision_fake": 1.0,
                            "recall_fake": 0.631579,
                            "f1_fake": 0.774194
                        }
                    },
                    "bin5": {
                        "notebook": {
                            "accuracy": 0.702059,
                            "precision_fake": 1.0,
                            "recall_fake": 0.702059,
                            "f1_fake": 0.824953
                        }
                    }
                }
            },
            "note": "sparse; bin1 missing for CrossEfficientNet and UniversalFakeDetect. The notebook printed its skip notice once: one detector had only fake predictions in bin1 (skipped), the other had no scored rows in bin1 (value never appears). Probably UniversalFakeDetect all-fake and CrossEfficientNet empty (inferred)."
        }
    },
    "table4_directional_edits": {
        "metric": "recall_fake x100, rounded to 2 dp; count = occurrences of the normalised pair in the first detector's merged table (not the detector's scored n)",
        "selection": {
            "candidate_min_count_exclusive": 10,
            "ranking_min_count_inclusive": 50,
            "drop_recall_zero": true,
            "top_k": 10,
            "bottom_k": 10,
            "paper_picks_per_detector": {
                "easy": 3,
                "hard": 3
            },
            "count_source": "rows per normalised (mask_name, perturbed_mask_name) pair in the first detector's (DinoV2) merged table, prediction present or not",
            "sort": "by rounded recall_percent descending, ties by count descending (CrossEfficientNet's code sorts by recall only, but its stored lists follow the same tie order)",
            "bottom10_order": "the last 10 rows of the sorted list, kept in descending order"
        },
        "notebook": {
            "UniversalFakeDetect": {
                "top10": [
                    {
                        "original": "skin",
                        "edited": "leather",
                        "count": 74,
                        "recall_percent": 98.65,
                        "f1_fake_percent": 99.32
                    },
                    {
                        "original": "right ear",
                        "edited": "earring",
                        "count": 117,
                        "recall_percent": 97.44,
                        "f1_fake_percent": 98.7
                    },
                    {
                        "original": "skin",
                        "edited": "fur",
                        "count": 182,
                        "recall_percent": 97.25,
                        "f1_fake_percent": 98.61
                    },
                    {
                        "original": "nose",
                        "edited": "nose ring",
                        "count": 138,
                        "recall_percent": 97.1,
                        "f1_fake_percent": 98.53
                    },
                    {
                        "original": "left ear",
                        "edited": "earring",
                        "count": 177,
                        "recall_percent": 96.61,
                        "f1_fake_percent": 98.28
                    },
                    {
                        "original": "right ear",
                        "edited": "right ear with a slight shadow",
                        "count": 57,
                        "recall_percent": 96.49,
                        "f1_fake_percent": 98.21
                    },
                    {
                        "original": "lower lip",
                        "edited": "lipstick",
                        "count": 190,
                        "recall_percent": 96.32,
                        "f1_fake_percent": 98.12
                    },
                    {
                        "original": "right brow",
                        "edited": "right brow with a slight arch",
                        "count": 90,
                        "recall_percent": 95.56,
                        "f1_fake_percent": 97.73
                    },
                    {
                        "original": "left ear",
                        "edited": "left ear with a slight shadow",
                        "count": 64,
                        "recall_percent": 95.31,
                        "f1_fake_percent": 97.6
                    },
                    {
                        "original": "nose",
                        "edited": "nose with a third eye",
                        "count": 131,
                        "recall_percent": 94.66,
                        "f1_fake_percent": 97.25
                    }
                ],
                "bottom10": [
                    {
                        "original": "vegetation",
                        "edited": "car",
                        "count": 58,
                        "recall_percent": 70.69,
                        "f1_fake_percent": 82.83
                    },
                    {
                        "original": "car",
                        "edited": "mercedesbenz",
                        "count": 118,
                        "recall_percent": 70.34,
                        "f1_fake_percent": 82.59
                    },
                    {
                        "original": "building",
                        "edited": "building with more windows",
                        "count": 57,
                        "recall_percent": 68.42,
                        "f1_fake_percent": 81.25
                    },
                    {
                        "original": "vegetation",
                        "edited": "vegetation with no leaves",
                        "count": 175,
                        "recall_percent": 66.86,
                        "f1_fake_percent": 80.14
                    },
                    {
                        "original": "vegetation",
                        "edited": "tree",
                        "count": 225,
                        "recall_percent": 66.67,
                        "f1_fake_percent": 80.0
                    },
                    {
                        "original": "sky",
                        "edited": "building",
                        "count": 50,
                        "recall_percent": 66.0,
                        "f1_fake_percent": 79.52
                    },
                    {
                        "original": "ego vehicle",
                        "edited": "mercedesbenz",
                        "count": 161,
                        "recall_percent": 65.84,
                        "f1_fake_percent": 79.4
                    },
                    {
                        "original": "vegetation",
                        "edited": "building",
                        "count": 150,
                        "recall_percent": 65.33,
                        "f1_fake_percent": 79.03
                    },
                    {
                        "original": "out of roi",
                        "edited": "car",
                        "count": 147,
                        "recall_percent": 58.5,
                        "f1_fake_percent": 73.82
                    },
                    {
                        "original": "out of roi",
                        "edited": "out of roi with blurred background",
                        "count": 50,
                        "recall_percent": 56.0,
                        "f1_fake_percent": 71.79
                    }
                ]
            },
            "De-Fake": {
                "top10": [
                    {
                        "original": "out of roi",
                        "edited": "out of roi with blurred background",
                        "count": 50,
                        "recall_percent": 88.0,
                        "f1_fake_percent": 93.62
                    },
                    {
                        "original": "car",
                        "edited": "car with shiny silver paint",
                        "count": 57,
                        "recall_percent": 85.96,
                        "f1_fake_percent": 92.45
                    },
                    {
                        "original": "vegetation",
                        "edited": "tree",
                        "count": 225,
                        "recall_percent": 84.89,
                        "f1_fake_percent": 91.83
                    },
                    {
                        "original": "building",
                        "edited": "building with more windows",
                        "count": 57,
                        "recall_percent": 84.21,
                        "f1_fake_percent": 91.43
                    },
                    {
                        "original": "building",
                        "edited": "bridge",
                        "count": 60,
                        "recall_percent": 83.33,
                        "f1_fake_percent": 90.91
                    },
                    {
                        "original": "building",
                        "edited": "building with a vibrant futuristic color scheme",
                        "count": 64,
                        "recall_percent": 82.81,
                        "f1_fake_percent": 90.6
                    },
                    {
                        "original": "vegetation",
                        "edited": "trees",
                        "count": 155,
                        "recall_percent": 81.94,
                        "f1_fake_percent": 90.07
                    },
                    {
                        "original": "sidewalk",
                        "edited": "pavement",
                        "count": 121,
                        "recall_percent": 81.82,
                        "f1_fake_percent": 90.0
                    },
                    {
                        "original": "ego vehicle",
                        "edited": "mercedesbenz",
                        "count": 161,
                        "recall_percent": 81.37,
                        "f1_fake_percent": 89.73
                    },
                    {
                        "original": "vegetation",
                        "edited": "building",
                        "count": 150,
                        "recall_percent": 80.67,
                        "f1_fake_percent": 89.3
                    }
                ],
                "bottom10": [
                    {
                        "original": "mouth",
                        "edited": "lips",
                        "count": 58,
                        "recall_percent": 63.79,
                        "f1_fake_percent": 77.89
                    },
                    {
                        "original": "skin",
                        "edited": "skin with subtle freckles",
                        "count": 127,
                        "recall_percent": 62.99,
                        "f1_fake_percent": 77.29
                    },
                    {
                        "original": "neck",
                        "edited": "necklace",
                        "count": 162,
                        "recall_percent": 62.96,
                        "f1_fake_percent": 77.27
                    },
                    {
                        "original": "right brow",
                        "edited": "right brow with a slight arch",
                        "count": 90,
                        "recall_percent": 62.22,
                        "f1_fake_percent": 76.71
                    },
                    {
                        "original": "right ear",
                        "edited": "right ear with a slight shadow",
                        "count": 57,
                        "recall_percent": 61.4,
                        "f1_fake_percent": 76.09
                    },
                    {
                        "original": "lower lip",
                        "edited": "lower lip with a slight blush",
                        "count": 98,
                        "recall_percent": 60.2,
                        "f1_fake_percent": 75.16
                    },
                    {
                        "original": "cloth",
                        "edited": "cloth with a subtle pattern",
                        "count": 145,
                        "recall_percent": 60.0,
                        "f1_fake_percent": 75.0
                    },
                    {
                        "original": "nose",
                        "edited": "nose ring",
                        "count": 138,
                        "recall_percent": 59.42,
                        "f1_fake_percent": 74.55
                    },
                    {
                        "original": "lower lip",
                        "edited": "nose",
                        "count": 70,
                        "recall_percent": 58.57,
                        "f1_fake_percent": 73.87
                    },
                    {
                        "original": "skin",
                        "edited": "leather",
                        "count": 74,
                        "recall_percent": 58.11,
                        "f1_fake_percent": 73.5
                    }
                ]
            },
            "CrossEfficientNet": {
                "top10": [
                    {
                        "original": "lower lip",
                        "edited": "nose",
                        "count": 70,
                        "recall_percent": 66.67,
                        "f1_fake_percent": 80.0
                    },
                    {
                        "original": "table",
                        "edited": "desk",
                        "count": 50,
                        "recall_percent": 60.0,
                        "f1_fake_percent": 75.0
                    },
                    {
                        "original": "left brow",
                        "edited": "left brow with a slight arch",
                        "count": 99,
                        "recall_percent": 50.0,
                        "f1_fake_percent": 66.67
                    },
                    {
                        "original": "car",
                        "edited": "car with shiny chrome accents",
                        "count": 59,
                        "recall_percent": 45.16,
                        "f1_fake_percent": 62.22
                    },
                    {
                        "original": "car",
                        "edited": "mercedesbenz",
                        "count": 118,
                        "recall_percent": 42.65,
                        "f1_fake_percent": 59.79
                    },
                    {
                        "original": "vegetation",
                        "edited": "car",
                        "count": 58,
                        "recall_percent": 42.11,
                        "f1_fake_percent": 59.26
                    },
                    {
                        "original": "car",
                        "edited": "car with tinted windows",
                        "count": 126,
                        "recall_percent": 41.79,
                        "f1_fake_percent": 58.95
                    },
                    {
                        "original": "bag",
                        "edited": "handbag",
                        "count": 108,
                        "recall_percent": 41.67,
                        "f1_fake_percent": 58.82
                    },
                    {
                        "original": "car",
                        "edited": "truck",
                        "count": 75,
                        "recall_percent": 41.18,
                        "f1_fake_percent": 58.33
                    },
                    {
                        "original": "sky",
                        "edited": "building",
                        "count": 50,
                        "recall_percent": 39.29,
                        "f1_fake_percent": 56.41
                    }
                ],
                "bottom10": [
                    {
                        "original": "neck",
                        "edited": "necklace",
                        "count": 162,
                        "recall_percent": 17.65,
                        "f1_fake_percent": 30.0
                    },
                    {
                        "original": "skin",
                        "edited": "fur",
                        "count": 182,
                        "recall_percent": 17.39,
                        "f1_fake_percent": 29.63
                    },
                    {
                        "original": "wall",
                        "edited": "wallpaper",
                        "count": 220,
                        "recall_percent": 16.67,
                        "f1_fake_percent": 28.57
                    },
                    {
                        "original": "right ear",
                        "edited": "right ear with a slight shadow",
                        "count": 57,
                        "recall_percent": 16.67,
                        "f1_fake_percent": 28.57
                    },
                    {
                        "original": "lower lip",
                        "edited": "lipstick",
                        "count": 190,
                        "recall_percent": 15.79,
                        "f1_fake_percent": 27.27
                    },
                    {
                        "original": "cloth",
                        "edited": "cloth with a subtle pattern",
                        "count": 145,
                        "recall_percent": 15.38,
                        "f1_fake_percent": 26.67
                    },
                    {
                        "original": "right ear",
                        "edited": "earring",
                        "count": 117,
                        "recall_percent": 15.38,
                        "f1_fake_percent": 26.67
                    },
                    {
                        "original": "neck",
                        "edited": "necktie",
                        "count": 82,
                        "recall_percent": 11.11,
                        "f1_fake_percent": 20.0
                    },
                    {
                        "original": "skin",
                        "edited": "skin with subtle freckles",
                        "count": 127,
                        "recall_percent": 7.14,
                        "f1_fake_percent": 13.33
                    },
                    {
                        "original": "left ear",
                        "edited": "earring",
                        "count": 177,
                        "recall_percent": 6.67,
                        "f1_fake_percent": 12.5
                    }
                ]
            }
        },
        "paper": {
            "CrossEfficientNet": [
                {
                    "kind": "easy",
                    "original": "lower lip",
                    "edited": "nose",
                    "count": 70,
                    "recall_percent": 66.67
                },
                {
                    "kind": "easy",
                    "original": "left brow",
                    "edited": "left brow with slight arch",
                    "count": 99,
                    "recall_percent": 50.0,
                    "note": "data string: 'left brow with a slight arch'"
                },
                {
                    "kind": "easy",
                    "original": "car",
                    "edited": "car with shiny chrome accents",
                    "count": 59,
                    "recall_percent": 45.16
                },
                {
                    "kind": "hard",
                    "original": "lower lip",
                    "edited": "lipstick",
                    "count": 190,
                    "recall_percent": 15.79
                },
                {
                    "kind": "hard",
                    "original": "skin",
                    "edited": "skin with subtle freckles",
                    "count": 127,
                    "recall_percent": 7.14
                },
                {
                    "kind": "hard",
                    "original": "left ear",
                    "edited": "earring",
                    "count": 177,
                    "recall_percent": 6.67
                }
            ],
            "UniversalFakeDetect": [
                {
                    "kind": "easy",
                    "original": "skin",
                    "edited": "leather",
                    "count": 74,
                    "recall_percent": 98.65
                },
                {
                    "kind": "easy",
                    "original": "nose",
                    "edited": "nose ring",
                    "count": 138,
                    "recall_percent": 97.1
                },
                {
                    "kind": "easy",
                    "original": "left ear",
                    "edited": "earring",
                    "count": 177,
                    "recall_percent": 96.61
                },
                {
                    "kind": "hard",
                    "original": "vegetation",
                    "edited": "tree",
                    "count": 225,
                    "recall_percent": 66.67
                },
                {
                    "kind": "hard",
                    "original": "ego vehicle",
                    "edited": "mercedezbenz",
                    "count": 161,
                    "recall_percent": 65.84,
                    "note": "data string: 'mercedesbenz'"
                },
                {
                    "kind": "hard",
                    "original": "vegetation",
                    "edited": "building",
                    "count": 150,
                    "recall_percent": 65.33
                }
            ],
            "De-Fake": [
                {
                    "kind": "easy",
                    "original": "car",
                    "edited": "car with shiny silver paint",
                    "count": 57,
                    "recall_percent": 85.96
                },
                {
                    "kind": "easy",
                    "original": "vegetation",
                    "edited": "tree",
                    "count": 225,
                    "recall_percent": 84.89
                },
                {
                    "kind": "easy",
                    "original": "ego vehicle",
                    "edited": "mercedezbenz",
                    "count": 161,
                    "recall_percent": 81.37,
                    "note": "data string: 'mercedesbenz'"
                },
                {
                    "kind": "hard",
                    "original": "skin",
                    "edited": "skin with subtle freckles",
                    "count": 127,
                    "recall_percent": 62.99
                },
                {
                    "kind": "hard",
                    "original": "nose",
                    "edited": "nose ring",
                    "count": 138,
                    "recall_percent": 58.57,
                    "note": "notebook value for this pair is 59.42; 58.57 is lower lip -> nose (n=70)"
                },
                {
                    "kind": "hard",
                    "original": "skin",
                    "edited": "leather",
                    "count": 74,
                    "recall_percent": 58.11
                }
            ]
        }
    },
    "context": {
        "table5_human_perception_correlation": {
            "area_ratio": {
                "pearson": 0.46,
                "kendall_tau": 0.4,
                "spearman": 0.5
            },
            "lpips": {
                "pearson": 0.14,
                "kendall_tau": 0.15,
                "spearman": 0.19
            },
            "ssim": {
                "pearson": -0.16,
                "kendall_tau": -0.14,
                "spearman": -0.17
            },
            "other_metrics_note": "reported as around 0.10; the comparison sign is not legible in the available copy of the paper (probably below 0.10)"
        },
        "dataset_counts": {
            "submission": {
                "real": 27635,
                "masks": 245360,
                "augmented_after_qc": 850226,
                "inpainting_before_qc": 1087865,
                "p2p_before_qc": 367862,
                "inpainting_after_qc": 688914,
                "p2p_after_qc": 161312
            },
            "camera_ready": {
                "real": 27600,
                "masks": 223400,
                "augmented": 1472700
            }
        },
        "qc_thresholds_inclusive": {
            "img1_img2": [
                0.8816,
                0.9896
            ],
            "cap2_img2": [
                0.2083,
                0.2971
            ],
            "brisque_score_perturb": [
                0,
                70
            ],
            "direct_sim": [
                0.8115,
                0.9786
            ]
        },
        "table1_dataset_comparison": {
            "columns": [
                "magnitude_of_change",
                "targeted_editing",
                "quality_check",
                "collection",
                "gans",
                "diffusion",
                "n_methods",
                "scene",
                "n_real_benchmarks",
                "real",
                "fake"
            ],
            "rows": {
                "DFDC": [
                    false,
                    false,
                    false,
                    "Generated",
                    true,
                    false,
                    8,
                    "Face",
                    1,
                    "488.4k",
                    "~1.7M"
                ],
                "FaceForensics++": [
                    false,
                    false,
                    false,
                    "Generated",
                    true,
                    false,
                    4,
                    "Face",
                    1,
                    "509.9k",
                    "~1.8M"
                ],
                "Celeb-DF": [
                    false,
                    false,
                    true,
                    "Generated",
                    true,
                    false,
                    1,
                    "Face",
                    1,
                    "225.4k",
                    "~2.1M"
                ],
                "DeepFakeFace": [
                    false,
                    false,
                    false,
                    "Generated",
                    false,
                    true,
                    3,
                    "Face",
                    1,
                    "30k",
                    "90k"
                ],
                "CIFAKE": [
                    false,
                    false,
                    false,
                    "Generated",
                    false,
                    true,
                    1,
                    "General",
                    1,
                    "60k",
                    "60k"
                ],
                "DiffusionDB": [
                    false,
                    false,
                    true,
                    "Sourced",
                    false,
                    true,
                    1,
                    "General",
                    0,
                    "0",
                    "14M"
                ],
                "MidJourney prompts": [
                    false,
                    false,
                    false,
                    "Sourced",
                    false,
                    true,
                    1,
                    "General",
                    0,
                    "0",
                    "248k"
                ],
                "TWIGMA": [
                    false,
                    false,
                    false,
                    "Sourced",
                    false,
                    true,
                    "unknown",
                    "General",
                    0,
                    "0",
                    "800k"
                ],
                "GenImage": [
                    false,
                    false,
                    false,
                    "Generated",
                    true,
                    true,
                    8,
                    "General",
                    1,
                    "1.33M",
                    "1.35M"
                ],
                "Semi-Truths": [
                    true,
                    true,
                    true,
                    "Generated",
                    false,
                    true,
                    8,
                    "General",
                    6,
                    "27,635",
                    "~850k"
                ]
            }
        }
    }
};
export default PAPER_REFERENCE;
//# sourceMappingURL=paper-reference.js.map